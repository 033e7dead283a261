import { describe, expect, it } from "vitest";
import { classifyAlert, isHighRiskAllergy, publishedAlerts, splitAlerts } from "./alert-risk";

const category = (text: string) => {
  const risk = classifyAlert(text);
  return risk.risk === "high" ? risk.category : "routine";
};

describe("alert classification", () => {
  it.each([
    ["DNACPR", "resuscitation"],
    ["dnacpr in place", "resuscitation"],
    ["uDNACPR", "resuscitation"],
    ["DNA-CPR form signed", "resuscitation"],
    ["DNAR", "resuscitation"],
    ["DNR", "resuscitation"],
    ["Do not attempt resuscitation", "resuscitation"],
    ["DO NOT ATTEMPT CARDIOPULMONARY RESUSCITATION", "resuscitation"],
    ["Resus status: not for CPR", "resuscitation"],
    ["Resuscitation status - discuss", "resuscitation"],
    ["ReSPECT form", "resuscitation"],
    ["Safeguarding", "safeguarding"],
    ["SAFEGUARDING CONCERN", "safeguarding"],
    ["Child protection plan", "safeguarding"],
    ["Vulnerable adult", "safeguarding"],
    ["DoLS authorised", "safeguarding"],
    ["MRSA", "infection"],
    ["mrsa positive", "infection"],
    ["C. diff", "infection"],
    ["C.diff", "infection"],
    ["C difficile", "infection"],
    ["Clostridioides difficile", "infection"],
    ["Infection control", "infection"],
    ["Isolation required", "infection"],
    ["Isolate - side room", "infection"],
    ["CPE carrier", "infection"],
    ["Anaphylaxis", "anaphylaxis"],
    ["anaphylactic to peanuts", "anaphylaxis"],
    ["Severe allergy - carries EpiPen", "anaphylaxis"],
  ])("%s is high risk (%s)", (text, expected) => {
    expect(category(text)).toBe(expected);
  });

  it.each([["Falls risk"], ["Hearing aid"], ["Diabetic"], ["Wears glasses"], ["Pressure ulcer risk"], [""]])(
    "%s is routine",
    (text) => {
      expect(classifyAlert(text)).toEqual({ risk: "routine" });
    },
  );

  it("splits alerts into high-risk first and routine, keeping the order sent", () => {
    expect(splitAlerts(["Falls risk", "MRSA", "Hearing aid", "DNACPR"])).toEqual({
      high: [
        { text: "MRSA", category: "infection" },
        { text: "DNACPR", category: "resuscitation" },
      ],
      routine: ["Falls risk", "Hearing aid"],
    });
  });

  it("treats a severe, high-criticality or anaphylactic allergy as high risk", () => {
    expect(isHighRiskAllergy({ text: "Penicillin", severity: "severe" })).toBe(true);
    expect(isHighRiskAllergy({ text: "Latex", severity: "high criticality" })).toBe(true);
    expect(isHighRiskAllergy({ text: "Peanut – anaphylaxis" })).toBe(true);
    expect(isHighRiskAllergy({ text: "Elastoplast – rash", severity: "mild" })).toBe(false);
    expect(isHighRiskAllergy({ text: "Codeine" })).toBe(false);
  });

  it("reads alerts from a stored record defensively", () => {
    expect(publishedAlerts({ alerts: ["MRSA", 3, "", null, "Falls risk"] })).toEqual(["MRSA", "Falls risk"]);
    expect(publishedAlerts({ alerts: "MRSA" })).toEqual([]);
    expect(publishedAlerts({})).toEqual([]);
  });
});
