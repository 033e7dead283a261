import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fhirResponse } from "./fhir-response";
import { mapFhirRequest } from "./map-bundle";
import { allIssues, applicableEvents, type FhirRequestMapping } from "./request-result";

/**
 * Every third-party file in test/fixtures/fhir (see SOURCES.md there) is either mapped, with its real
 * values asserted, or refused with an OperationOutcome whose issues name the elements. A new corpus file
 * fails "has a decision for every file" until someone decides which it is.
 */

const root = new URL("../../test/fixtures/fhir/", import.meta.url);
const files = readdirSync(root, { recursive: true, encoding: "utf8" })
  .filter((name) => name.endsWith(".json"))
  .sort();
const text = (name: string) => readFileSync(new URL(name, root), "utf8");
const read = (name: string): Record<string, unknown> => JSON.parse(text(name));
const options = { now: new Date("2026-03-01T12:00:00Z"), defaultFacilityCode: "RXX01" };
const map = (body: unknown) => mapFhirRequest(body, options);
const refusals = (mapping: FhirRequestMapping) =>
  allIssues(mapping)
    .filter((issue) => issue.severity === "error")
    .flatMap((issue) => issue.expression ?? []);

/** Files refused on their own, with the elements the OperationOutcome must name. */
const refused: Record<string, string[]> = {
  // Spec examples without Encounter.identifier (no visit number) and with a subject outside the request.
  "hl7-r4-examples/Encounter-example.json": ["Encounter.identifier", "Encounter.subject"],
  "hl7-r4-examples/Encounter-emerg.json": ["Encounter.identifier", "Encounter.subject"],
  // Has a visit number, but its subject Patient/f201 is not in the request.
  "hl7-r4-examples/Encounter-f203.json": ["Encounter.subject"],
  // PDS minimal record: an NHS number and no name at all.
  "nhs-pds/Minimal_Patient.json": ["Patient.name"],
  // A response to a patient-link request, not a notification.
  "hl7-r4-examples/Bundle-3a0707d3-549e-4467-b8b8-5a2ab3800efe.json": ["Bundle.entry[0].resource.response"],
  // Three Patients with no identifier at all, two DELETEs and two GETs; all or nothing.
  "hl7-r4-examples/Bundle-bundle-transaction.json": [
    "Bundle.entry[0].resource.identifier",
    "Bundle.entry[2].resource.identifier",
    "Bundle.entry[4].resource.identifier",
    "Bundle.entry[5].request.method",
    "Bundle.entry[6].request.method",
    "Bundle.entry[8].request.method",
    "Bundle.entry[9].request.method",
  ],
};
const mapped = [
  "hl7-r4-examples/Bundle-10bb101f-a121-4264-a920-67be9cb82c74.json",
  "hl7-r4-examples/Patient-example.json",
  "hl7-r4-examples/Patient-f201.json",
  "nhs-pds/Patient.json",
  "nhs-pds/Sensitive_Patient.json",
];

describe("FHIR corpus", () => {
  it("has a decision for every file", () => {
    expect(files).toEqual([...Object.keys(refused), ...mapped].sort());
  });

  it.each(Object.entries(refused))("refuses %s, naming %j", (name, expressions) => {
    const mapping = map(read(name));
    expect(mapping.ok).toBe(false);
    expect(applicableEvents(mapping)).toEqual([]);
    expect(refusals(mapping)).toEqual(expressions);
    // Diagnostics name elements, never values: no identifier value or family name from the file.
    const values = [...text(name).matchAll(/"(?:value|family)":\s*"([^"]+)"/g)].map((m) => m[1]!);
    const diagnostics = allIssues(mapping)
      .map((issue) => issue.diagnostics)
      .join("\n");
    for (const value of values) expect(diagnostics).not.toContain(value);
  });

  it.each(mapped)("maps %s", (name) => {
    const mapping = map(read(name));
    expect(mapping.ok).toBe(true);
    expect(applicableEvents(mapping).length).toBeGreaterThan(0);
  });

  it("answers the failed transaction example with one OperationOutcome (HTTP 400)", () => {
    const response = fhirResponse(map(read("hl7-r4-examples/Bundle-bundle-transaction.json")));
    expect(response.status).toBe(400);
    expect(response.body.resourceType).toBe("OperationOutcome");
    if (response.body.resourceType !== "OperationOutcome") return;
    expect(response.body.issue.map((issue) => issue.severity)).not.toContain("information");
    expect(response.body.issue).toHaveLength(7);
  });
});
