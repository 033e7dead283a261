import { describe, expect, it } from "vitest";
import { contentHash, controlIdOf } from "./control-id";
import { bundle, encounter, entry, messageHeader, patient } from "./fhir-builders.test-kit";

describe("controlIdOf", () => {
  it("uses Bundle.id for every Bundle type", () => {
    expect(controlIdOf(bundle("transaction", [entry(patient(), "urn:uuid:p1")]))).toBe("b-transaction");
    expect(controlIdOf(bundle("message", [{ resource: messageHeader("A01", undefined, []) }]))).toBe(
      "b-message",
    );
  });

  it("falls back to MessageHeader.id for a message, then to Bundle.identifier", () => {
    const header = { resource: messageHeader("A01", undefined, []) };
    expect(controlIdOf(bundle("message", [header], { id: undefined }))).toBe("mh1");
    const identified = { id: undefined, identifier: { system: "urn:x", value: "42" } };
    expect(controlIdOf(bundle("batch", [entry(patient(), "urn:uuid:p1")], identified))).toBe("urn:x|42");
    expect(controlIdOf(bundle("batch", [], { id: undefined, identifier: { value: "43" } }))).toBe("43");
  });

  it("names one version of a single resource, never the resource alone", () => {
    expect(controlIdOf(encounter({ meta: { versionId: "7" } }))).toBe("Encounter/e1/_history/7");
    expect(controlIdOf(patient({ meta: { lastUpdated: "2026-02-28T08:00:00Z" } }))).toBe(
      "Patient/p1@2026-02-28T08:00:00Z",
    );
    // Without a version, every update of Encounter/e1 would otherwise look like a duplicate.
    expect(controlIdOf(encounter())).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("hashes the content otherwise: the same retry repeats, any change is new", () => {
    expect(controlIdOf(patient())).toBe(controlIdOf(patient()));
    expect(controlIdOf(patient())).not.toBe(controlIdOf(patient({ gender: "female" })));
    expect(controlIdOf("not json at all")).toBe(contentHash("not json at all"));
    expect(contentHash(undefined)).toMatch(/^sha256:/);
  });
});
