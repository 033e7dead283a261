import { describe, expect, it } from "vitest";
import { isNoKnownAllergyStatement } from "./no-known-allergies";

describe("no known allergies statements", () => {
  it("recognise SNOMED CT no-known-allergy codes", () => {
    for (const code of ["716186003", "409137002", "429625007"])
      expect(isNoKnownAllergyStatement({ code }), code).toBe(true);
  });

  it("recognise local codes and the words, in any case", () => {
    for (const allergen of [
      { code: "NKA" },
      { code: "nkda" },
      { text: "NKDA" },
      { text: "N.K.D.A." },
      { text: "No known allergies" },
      { text: "no known drug allergy" },
      { text: "No  Known Allergy" },
      { code: "LOCAL1", text: "No known allergies" },
    ])
      expect(isNoKnownAllergyStatement(allergen), JSON.stringify(allergen)).toBe(true);
  });

  it("do not mistake an allergen for a statement", () => {
    for (const allergen of [
      { code: "227493005", text: "Cashew nuts" },
      { text: "Penicillin" },
      { text: "Known allergy to latex" },
      { text: "No known allergies to date but reacts to penicillin" },
      {},
      { code: "", text: "" },
    ])
      expect(isNoKnownAllergyStatement(allergen), JSON.stringify(allergen)).toBe(false);
  });
});
