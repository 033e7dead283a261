import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  error,
  hasErrors,
  information,
  operationOutcome,
  outcomeForError,
  rebaseIssues,
  warning,
} from "./operation-outcome";

describe("operationOutcome", () => {
  it("builds an R4 OperationOutcome with severity, code, diagnostics and expression", () => {
    const outcome = operationOutcome([
      error("value", "Not a valid NHS number", "Patient.identifier[0].value"),
      warning("not-supported", "Ignored"),
    ]);
    expect(outcome).toEqual({
      resourceType: "OperationOutcome",
      issue: [
        {
          severity: "error",
          code: "value",
          diagnostics: "Not a valid NHS number",
          expression: ["Patient.identifier[0].value"],
        },
        { severity: "warning", code: "not-supported", diagnostics: "Ignored" },
      ],
    });
  });

  it("says 'All OK' rather than sending an empty issue list (issue is 1..*)", () => {
    expect(operationOutcome([]).issue).toEqual([
      { severity: "information", code: "informational", diagnostics: "All OK" },
    ]);
  });

  it("accepts every severity the brief names, including fatal", () => {
    const fatal = { severity: "fatal" as const, code: "exception" as const, diagnostics: "Stopped" };
    expect(operationOutcome([fatal]).issue[0]?.severity).toBe("fatal");
    expect(hasErrors([fatal])).toBe(true);
    expect(hasErrors([warning("value", "w"), information("informational", "i")])).toBe(false);
  });

  it("moves resource paths under the bundle entry that holds the resource", () => {
    const [issue] = rebaseIssues(
      [error("required", "x", "Encounter.identifier")],
      "Bundle.entry[3].resource",
    );
    expect(issue?.expression).toEqual(["Bundle.entry[3].resource.identifier"]);
  });
});

describe("outcomeForError", () => {
  it("maps AppError codes to HTTP status and FHIR issue type, keeping the location", () => {
    const { status, outcome } = outcomeForError(
      new AppError("forbidden", "This client may not send for that site", {
        location: "Encounter.serviceProvider",
      }),
    );
    expect(status).toBe(403);
    expect(outcome.issue).toEqual([
      {
        severity: "error",
        code: "forbidden",
        diagnostics: "This client may not send for that site",
        expression: ["Encounter.serviceProvider"],
      },
    ]);
    expect(outcomeForError(new AppError("unavailable", "Storage is down")).outcome.issue[0]?.code).toBe(
      "transient",
    );
  });

  it("recognises an AppError from another copy of the module (another server bundle)", () => {
    const foreign = Object.assign(new Error("Database unavailable"), {
      name: "AppError",
      code: "unavailable",
    });
    const { status, outcome } = outcomeForError(foreign);
    expect(status).toBe(503);
    expect(outcome.issue[0]).toMatchObject({ code: "transient", diagnostics: "Database unavailable" });
  });

  it("answers anything else generically, without its message", () => {
    const { status, outcome } = outcomeForError(new Error("Smith, 9434765919 broke it"));
    expect(status).toBe(500);
    expect(JSON.stringify(outcome)).not.toContain("9434765919");
    expect(outcome.issue[0]).toEqual({ severity: "error", code: "exception", diagnostics: "Internal error" });
  });
});
