/** The break-glass reason rule, on its own: reasons that say something pass, the rest say why not. */
import { describe, expect, it } from "vitest";
import { reasonProblem } from "./break-glass";

describe("reasonProblem", () => {
  it.each([
    "Covering Elm overnight, patient deteriorating",
    "Asked to review by the on-call registrar",
    "Pt in ED, chest pain, needs drug history",
    "Médecin de garde, patient transféré",
  ])("accepts %j", (reason) => {
    expect(reasonProblem(reason)).toBeUndefined();
  });

  it.each([
    ["emergency", "too-short"],
    ["x".repeat(501), "too-long"],
    ["aaaaaaaaaaaaaaaaaaaa", "repeated-character"],
    ["aaaaaaaaaaaaaaaaaa ok go", "repeated-character"],
    ["..................... ok", "repeated-character"],
    ["urgent!!! 1234567890", "too-few-words"],
    ["emergency access", "too-few-words"],
    ["help help help help help", "repeated-word"],
    ["Patient patient PATIENT", "repeated-word"],
    ["asdf asdf asdf asdf", "repeated-word"],
  ])("refuses %j as %s", (reason, problem) => {
    expect(reasonProblem(reason)).toBe(problem);
  });
});
