import { describe, expect, it } from "vitest";
import { bundle, encounter, entry, NHS_SYSTEM, NOW, patient } from "./fhir-builders.test-kit";
import { type EntryApplied, fhirResponse } from "./fhir-response";
import { mapFhirRequest } from "./map-bundle";
import { error } from "./operation-outcome";

const map = (body: unknown) => mapFhirRequest(body, { now: NOW, defaultFacilityCode: "RXX01" });
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
            status: "201 Created",
            outcome: { issue: [{ severity: "warning", code: "not-supported" }] },
          },
        },
      ],
    });
  });

  it("reports what the route says happened when applying, including failures", () => {
    const mapping = map(
      bundle("batch", [entry(patient(), "urn:uuid:p1", "POST"), entry(encounter(), "urn:uuid:e1", "POST")]),
    );
    const applied = new Map<number, EntryApplied>([
      [0, { status: "updated" }],
      [1, { status: "failed", issues: [error("forbidden", "Not allowed for this site")], httpStatus: 403 }],
    ]);
    const { body } = fhirResponse(mapping, applied);
    expect(body.resourceType === "Bundle" && body.entry.map((e) => e.response.status)).toEqual([
      "200 OK",
      "403 Forbidden",
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
