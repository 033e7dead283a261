import { describe, expect, it } from "vitest";
import {
  bundle,
  encounter,
  messageHeader,
  NOW,
  PAS_SYSTEM,
  patient,
  V3_ACT_CODE,
} from "./fhir-builders.test-kit";
import { mapFhirRequest } from "./map-bundle";
import { V2_TRIGGER_SYSTEM } from "./message-event";
import { applicableEvents, type FhirRequestMapping } from "./request-result";

type Json = Record<string, unknown>;

const DA_VINCI = "http://hl7.org/fhir/us/davinci-alerts/CodeSystem/notification-event";
const message = (header: Json, resources: [string, Json][], overrides: Json = {}) =>
  mapFhirRequest(
    bundle(
      "message",
      [
        { fullUrl: "urn:uuid:mh1", resource: header },
        ...resources.map(([fullUrl, resource]) => ({ fullUrl, resource })),
      ],
      overrides,
    ),
    { now: NOW, defaultFacilityCode: "RXX01", mrnSystems: [PAS_SYSTEM] },
  );
const errors = (mapping: FhirRequestMapping) =>
  [...mapping.issues, ...mapping.entries.flatMap((e) => (e.result.ok ? [] : e.result.outcome))]
    .filter((issue) => issue.severity === "error")
    .map((issue) => [issue.code, issue.expression?.[0]]);
const stay: [string, Json][] = [
  ["urn:uuid:p1", patient()],
  ["urn:uuid:e1", encounter({ class: { system: V3_ACT_CODE, code: "AMB" } })],
];

describe("message Bundles", () => {
  it("lets a v2 trigger in eventCoding pick the event for the focus Encounter", () => {
    const admit = message(messageHeader("A01", V2_TRIGGER_SYSTEM, ["urn:uuid:e1"]), stay);
    expect(admit).toMatchObject({ kind: "message", controlId: "b-message", ok: true });
    // Status and class alone would make this an outpatient registration; the message says admit.
    expect(applicableEvents(admit).map((e) => [e.kind, e.trigger, e.patient.mrn])).toEqual([
      ["admit", "A01", "MRN001"],
    ]);
    const discharge = message(messageHeader("ADT^A03", undefined, ["urn:uuid:e1"]), stay);
    expect(applicableEvents(discharge).map((e) => [e.kind, e.trigger])).toEqual([["discharge", "A03"]]);
  });

  it("understands admit/discharge/transfer notification codes", () => {
    const mapping = message(messageHeader("notification-discharge", DA_VINCI, ["urn:uuid:e1"]), stay);
    expect(applicableEvents(mapping).map((e) => [e.kind, e.trigger])).toEqual([["discharge", "A03"]]);
    const spelled = message(
      messageHeader("transfer-notification", "http://example.org/events", ["urn:uuid:e1"]),
      stay,
    );
    expect(applicableEvents(spelled).map((e) => e.kind)).toEqual(["transfer"]);
  });

  it("maps a person event (A28, A40 merge) on a focus Patient", () => {
    const add = message(messageHeader("A28", V2_TRIGGER_SYSTEM, ["urn:uuid:p1"]), [
      ["urn:uuid:p1", patient()],
    ]);
    expect(applicableEvents(add).map((e) => [e.kind, e.trigger, e.visit])).toEqual([
      ["person-add", "A28", undefined],
    ]);
    const old = patient({
      id: "p0",
      identifier: [{ system: "https://pas.example-trust.nhs.uk/Id/mrn", value: "MRN-OLD" }],
    });
    const survivor = patient({ link: [{ type: "replaces", other: { reference: "urn:uuid:p0" } }] });
    const merge = message(messageHeader("A40", V2_TRIGGER_SYSTEM, ["urn:uuid:p1"]), [
      ["urn:uuid:p1", survivor],
      ["urn:uuid:p0", old],
    ]);
    expect(applicableEvents(merge).map((e) => [e.kind, e.patient.mrn, e.mergedFrom])).toEqual([
      ["merge", "MRN001", { mrn: "MRN-OLD" }],
    ]);
    const noLink = message(messageHeader("A40", V2_TRIGGER_SYSTEM, ["urn:uuid:p1"]), [
      ["urn:uuid:p1", patient()],
    ]);
    expect(errors(noLink)).toEqual([["required", "Bundle.entry[1].resource.link"]]);
  });

  it("refuses an event whose focus is the wrong kind of resource, all or nothing", () => {
    const admitPatient = message(messageHeader("A01", V2_TRIGGER_SYSTEM, ["urn:uuid:p1"]), stay);
    expect(admitPatient.ok).toBe(false);
    expect(errors(admitPatient)).toEqual([["not-supported", "Bundle.entry[1].resource"]]);
    expect(admitPatient.entries.every((e) => !e.result.ok)).toBe(true);
    const updateEncounter = message(messageHeader("A31", V2_TRIGGER_SYSTEM, ["urn:uuid:e1"]), stay);
    expect(errors(updateEncounter)).toEqual([["not-supported", "Bundle.entry[2].resource"]]);
  });

  it("refuses messages without a MessageHeader first, or whose focus is not in the message", () => {
    const headless = mapFhirRequest(bundle("message", [{ fullUrl: "urn:uuid:p1", resource: patient() }]), {
      now: NOW,
    });
    expect(errors(headless)).toEqual([["structure", "Bundle.entry[0].resource"]]);
    const lost = message(messageHeader("A01", V2_TRIGGER_SYSTEM, ["urn:uuid:elsewhere"]), stay);
    expect(errors(lost)).toEqual([["not-found", "Bundle.entry[0].resource.focus[0]"]]);
  });

  it("uses MessageHeader.id as control id when the Bundle has no id", () => {
    const mapping = message(messageHeader("A01", V2_TRIGGER_SYSTEM, ["urn:uuid:e1"]), stay, {
      id: undefined,
    });
    expect(mapping.controlId).toBe("mh1");
  });
});
