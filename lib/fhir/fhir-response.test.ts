import { describe, expect, it } from "vitest";
import { bundle, encounter, entry, NHS_SYSTEM, NOW, PAS_SYSTEM, patient } from "./fhir-builders.test-kit";
import { type EntryApplied, fhirResponse, type ResponseBundle } from "./fhir-response";
import { mapFhirRequest } from "./map-bundle";
import { error } from "./operation-outcome";

const map = (body: unknown) =>
  mapFhirRequest(body, { now: NOW, defaultFacilityCode: "RXX01", mrnSystems: [PAS_SYSTEM] });
const statuses = (body: unknown) => (body as ResponseBundle).entry.map((e) => e.response.status);
const alone = encounter({ subject: { identifier: { system: PAS_SYSTEM, value: "MRN404" } } });
const badNhs = patient({ id: "p2", identifier: [{ system: NHS_SYSTEM, value: "9990000019" }] });
const observation = { resourceType: "Observation", status: "final" };

describe("fhirResponse", () => {
  it("answers a batch with one response entry per request entry, in order", () => {
    const mapping = map(
      bundle("batch", [
        entry(patient(), "urn:uuid:p1", "POST"),
        entry(patient({ id: "p3", identifier: [{ value: "MRN3" }] }), "urn:uuid:p3", "PUT"),
        entry(badNhs, "urn:uuid:p2", "PUT"),
        entry(observation, "urn:uuid:o1", "POST"),
      ]),
    );
    const { status, body } = fhirResponse(mapping);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      resourceType: "Bundle",
      type: "batch-response",
      entry: [
        { response: { status: "201 Created" } },
        { response: { status: "200 OK" } },
        {
          response: {
            status: "400 Bad Request",
            outcome: {
              resourceType: "OperationOutcome",
              issue: [{ expression: ["Bundle.entry[2].resource.identifier[0].value"] }],
            },
          },
        },
        {
          response: {
            status: "200 OK",
            outcome: { issue: [{ severity: "information", code: "informational" }] },
          },
        },
      ],
    });
  });

  it("never answers 201 for an entry that changed nothing, even when all of a Bundle is ignored", () => {
    const observation = entry({ resourceType: "Observation", status: "final" }, "urn:uuid:o1", "POST");
    const location = entry({ resourceType: "Location", id: "l1" }, "urn:uuid:l1", "POST");
    for (const type of ["batch", "transaction"]) {
      const { status, body } = fhirResponse(map(bundle(type, [observation, location])), new Map());
      expect(status).toBe(200);
      expect(statuses(body)).toEqual(["200 OK", "200 OK"]);
      expect((body as ResponseBundle).entry[0]?.response.outcome?.issue).toEqual([
        expect.objectContaining({
          severity: "information",
          diagnostics: expect.stringContaining("Observation"),
        }),
      ]);
    }
    const single = fhirResponse(map(observation.resource));
    expect(single.status).toBe(200);
    expect(
      single.body.resourceType === "OperationOutcome" && single.body.issue.map((i) => i.severity),
    ).toEqual(["information", "information"]);
  });

  it("gives a resource folded into another entry's event that entry's outcome", () => {
    const mapping = map(
      bundle("transaction", [
        entry(patient(), "urn:uuid:p1", "PUT"),
        entry(encounter(), "urn:uuid:e1", "POST"),
        entry({ resourceType: "Observation" }, "urn:uuid:o1", "POST"),
      ]),
    );
    const created: EntryApplied = { status: "created" };
    const applied = new Map(mapping.entries.map((e) => [e.index, created]));
    expect(statuses(fhirResponse(mapping, applied).body)).toEqual(["201 Created", "201 Created", "200 OK"]);
  });

  it("answers 422 when the only problem is a patient not known yet, 400 when anything else is wrong", () => {
    const single = fhirResponse(map(alone));
    expect(single.status).toBe(422);
    expect(single.body).toMatchObject({ issue: [{ code: "not-found", expression: ["Encounter.subject"] }] });
    const transaction = fhirResponse(map(bundle("transaction", [entry(alone, "urn:uuid:e1")])));
    expect(transaction.status).toBe(422);
    const alsoBad = fhirResponse(
      map(bundle("transaction", [entry(alone, "urn:uuid:e1"), entry(badNhs, "urn:uuid:p2")])),
    );
    expect(alsoBad.status).toBe(400);
    const batch = fhirResponse(
      map(bundle("batch", [entry(alone, "urn:uuid:e1"), entry(patient(), "urn:uuid:p1")])),
    );
    expect(statuses(batch.body)).toEqual(["422 Unprocessable Entity", "200 OK"]);
  });

  it("reports what the route says happened when applying, including failures", () => {
    const mapping = map(
      bundle("batch", [
        entry(patient(), "urn:uuid:p1", "POST"),
        entry(encounter(), "urn:uuid:e1", "POST"),
        entry(patient({ id: "p3", identifier: [{ value: "MRN3" }] }), "urn:uuid:p3", "POST"),
      ]),
    );
    const applied = new Map<number, EntryApplied>([
      [1, { status: "failed", issues: [error("forbidden", "Not allowed for this site")], httpStatus: 403 }],
      [2, { status: "updated" }],
    ]);
    const { body } = fhirResponse(mapping, applied);
    // The Patient travelled in the Encounter's event, so it was not applied either.
    expect(statuses(body)).toEqual(["403 Forbidden", "403 Forbidden", "200 OK"]);
    expect((body as ResponseBundle).entry[0]?.response.outcome?.issue).toEqual([
      expect.objectContaining({ diagnostics: "Not applied: it belongs to Bundle.entry[1]" }),
    ]);
  });

  it("answers an applied transaction with a transaction-response", () => {
    const mapping = map(
      bundle("transaction", [
        entry(patient(), "urn:uuid:p1", "POST"),
        entry(encounter(), "urn:uuid:e1", "PUT"),
      ]),
    );
    const { status, body } = fhirResponse(mapping);
    expect(status).toBe(200);
    expect(body).toEqual({
      resourceType: "Bundle",
      type: "transaction-response",
      entry: [{ response: { status: "201 Created" } }, { response: { status: "200 OK" } }],
    });
  });

  it("answers a failed transaction with a single OperationOutcome of its errors", () => {
    const mapping = map(
      bundle("transaction", [entry(patient(), "urn:uuid:p1"), entry(badNhs, "urn:uuid:p2")]),
    );
    const { status, body } = fhirResponse(mapping);
    expect(status).toBe(400);
    expect(body).toEqual({
      resourceType: "OperationOutcome",
      issue: [
        {
          severity: "error",
          code: "value",
          diagnostics: expect.any(String),
          expression: ["Bundle.entry[1].resource.identifier[0].value"],
        },
      ],
    });
  });

  it("answers single resources and messages with an OperationOutcome", () => {
    expect(fhirResponse(map(patient()))).toEqual({
      status: 200,
      body: {
        resourceType: "OperationOutcome",
        issue: [{ severity: "information", code: "informational", diagnostics: "All OK" }],
      },
    });
    const refused = fhirResponse(map({ hello: "world" }));
    expect(refused.status).toBe(400);
    expect(refused.body.resourceType === "OperationOutcome" && refused.body.issue[0]?.code).toBe("structure");
  });
});
