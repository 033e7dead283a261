import { describe, expect, it } from "vitest";
import type { AdtEvent } from "@/lib/adt/events";
import { applyPublishing } from "./publishing";
import { publishingPolicySchema } from "./publishing-policy-schema";

const event: AdtEvent = {
  kind: "admit",
  trigger: "A01",
  facilityCode: "RXD01",
  eventAt: new Date("2026-11-20T10:00:00Z"),
  patient: {
    mrn: "M1",
    nhsNumber: "9434765919",
    demographics: {
      familyName: "Jones",
      givenNames: "Aled",
      birthDate: "1945-03-02",
      sex: "male",
      alerts: ["Falls risk"],
      allergies: [{ text: "Penicillin", severity: "severe" }],
      address: "1 High Street, Riverside",
      phone: "07700 900123",
      nextOfKin: [{ name: "Mrs Jones" }],
    },
  },
  visit: { visitNumber: "V1", location: { ward: "OAK", bed: "B1" }, consultant: "Dr Okafor" },
};

describe("applyPublishing", () => {
  it("drops every optional field the policy does not list and keeps the core", () => {
    const result = applyPublishing(event, { fields: ["allergies"] });
    expect(result.patient.demographics).toEqual({
      familyName: "Jones",
      givenNames: "Aled",
      birthDate: "1945-03-02",
      sex: "male",
      allergies: [{ text: "Penicillin", severity: "severe" }],
    });
    expect(result.patient.nhsNumber).toBe("9434765919");
    expect(result.visit).toEqual({ visitNumber: "V1", location: { ward: "OAK", bed: "B1" } });
    expect(JSON.stringify(result)).not.toMatch(/High Street|07700|Okafor|Falls/);
  });

  it("keeps published fields, consultant included", () => {
    const result = applyPublishing(event, { fields: ["address", "consultant", "alerts"] });
    expect(result.patient.demographics.address).toBe("1 High Street, Riverside");
    expect(result.patient.demographics.alerts).toEqual(["Falls risk"]);
    expect(result.visit?.consultant).toBe("Dr Okafor");
    expect(result.patient.demographics.phone).toBeUndefined();
  });

  it("marks allergies withheld by the policy as not published, never as none", () => {
    const hidden = applyPublishing(event, { fields: ["alerts"] });
    expect(hidden.patient.demographics.allergies).toBeUndefined();
    expect(hidden.patient.demographics.allergyStatus).toBe("not-published");
    const none = {
      ...event,
      patient: {
        ...event.patient,
        demographics: { familyName: "Jones", allergyStatus: "none-known" as const },
      },
    };
    expect(applyPublishing(none, { fields: [] }).patient.demographics.allergyStatus).toBe("not-published");
    expect(applyPublishing(none, { fields: ["allergies"] }).patient.demographics.allergyStatus).toBe(
      "none-known",
    );
    // A sender cannot pass "not-published" through a policy that publishes allergies.
    const forged = {
      ...event,
      patient: {
        ...event.patient,
        demographics: { familyName: "Jones", allergyStatus: "not-published" as const },
      },
    };
    expect(
      applyPublishing(forged, { fields: ["allergies"] }).patient.demographics.allergyStatus,
    ).toBeUndefined();
  });

  it("does not change the event it was given", () => {
    applyPublishing(event, { fields: [] });
    expect(event.patient.demographics.address).toBeDefined();
    expect(event.visit?.consultant).toBe("Dr Okafor");
  });

  it("validates policies: unknown fields are refused, duplicates folded", () => {
    expect(publishingPolicySchema.safeParse({ fields: ["religion", "religion"] }).data).toEqual({
      fields: ["religion"],
    });
    expect(publishingPolicySchema.safeParse({ fields: ["familyName"] }).success).toBe(false);
  });
});
