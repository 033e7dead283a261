import { describe, expect, it } from "vitest";
import { allergyStateOf, allergyStateText, allergyText } from "./allergy-state";

describe("allergy state", () => {
  it("lists allergies that were sent, with severity", () => {
    const state = allergyStateOf({ allergies: [{ text: "Penicillin – rash", severity: "severe" }] });
    expect(state).toEqual({
      kind: "recorded",
      allergies: [{ text: "Penicillin – rash", severity: "severe" }],
    });
    if (state.kind === "recorded")
      expect(allergyText(state.allergies[0]!)).toBe("Penicillin – rash (severe)");
  });

  it("tells none recorded, never sent and withheld apart", () => {
    expect(allergyStateOf({ allergyStatus: "none-known" })).toEqual({ kind: "none-known" });
    expect(allergyStateOf({})).toEqual({ kind: "not-sent" });
    expect(allergyStateOf({ allergies: [] })).toEqual({ kind: "not-sent" });
    expect(allergyStateOf({ allergyStatus: "not-published" })).toEqual({ kind: "not-published" });
    expect(allergyStateText).toEqual({
      "none-known": "No known allergies",
      "not-sent": "Allergies not sent by the hospital system",
      "not-published": "Allergies not published",
    });
  });

  it("lists an allergen even beside a 'none' statement", () => {
    expect(allergyStateOf({ allergyStatus: "none-known", allergies: [{ text: "Latex" }] }).kind).toBe(
      "recorded",
    );
  });

  it("ignores damaged entries from the device copy and unknown statuses", () => {
    expect(allergyStateOf({ allergies: [{ text: "" }, { severity: "severe" }, "Latex", null] })).toEqual({
      kind: "not-sent",
    });
    expect(allergyStateOf({ allergyStatus: "maybe" })).toEqual({ kind: "not-sent" });
    expect(allergyStateOf({ allergies: [{ text: "Latex", severity: 3 }] })).toEqual({
      kind: "recorded",
      allergies: [{ text: "Latex" }],
    });
  });
});
