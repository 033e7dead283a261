import { asAppError, type ErrorCode } from "@/lib/errors";

/**
 * FHIR R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html): the one way the FHIR
 * edge reports problems. Every issue built in lib/fhir uses fixed diagnostics written here or in the
 * mappers: they name the element (issue.expression, a FHIRPath) but never echo a value from the
 * request, so a patient's name or NHS number cannot leak into logs or responses. MapResult (at the
 * end) is how mappers hand those issues back instead of throwing.
 */

/** OperationOutcome.issue.severity (required binding, issue-severity). */
export type IssueSeverity = "fatal" | "error" | "warning" | "information";

/** OperationOutcome.issue.code (required binding, issue-type); the codes this server uses. */
export type IssueType =
  | "invalid"
  | "structure"
  | "required"
  | "value"
  | "code-invalid"
  | "business-rule"
  | "security"
  | "forbidden"
  | "login"
  | "processing"
  | "not-supported"
  | "not-found"
  | "duplicate"
  | "conflict"
  | "too-long"
  | "too-costly"
  | "throttled"
  | "transient"
  | "exception"
  | "informational";

export interface OutcomeIssue {
  severity: IssueSeverity;
  code: IssueType;
  diagnostics: string;
  /** FHIRPath of the element concerned, e.g. "Patient.identifier[0].value". */
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: "OperationOutcome";
  issue: OutcomeIssue[];
}

export function operationOutcome(issues: readonly OutcomeIssue[]): OperationOutcome {
  // issue is 1..1 or more: an empty outcome still says "all is well" explicitly.
  const issue = issues.length > 0 ? issues : [information("informational", "All OK")];
  return {
    resourceType: "OperationOutcome",
    issue: issue.map(({ severity, code, diagnostics, expression }) =>
      expression && expression.length > 0
        ? { severity, code, diagnostics, expression: [...expression] }
        : { severity, code, diagnostics },
    ),
  };
}

const issueBuilder =
  (severity: IssueSeverity) =>
  (code: IssueType, diagnostics: string, expression?: string): OutcomeIssue =>
    expression === undefined
      ? { severity, code, diagnostics }
      : { severity, code, diagnostics, expression: [expression] };

export const error = issueBuilder("error");
export const warning = issueBuilder("warning");
export const information = issueBuilder("information");

export function hasErrors(issues: readonly OutcomeIssue[]): boolean {
  return issues.some((issue) => issue.severity === "error" || issue.severity === "fatal");
}

/**
 * Moves issues found in a resource under the element that holds it, e.g. "Patient.name" in the
 * third bundle entry becomes "Bundle.entry[2].resource.name" (FHIRPath steps into `resource` without
 * naming the type again).
 */
export function rebaseIssues(issues: readonly OutcomeIssue[], prefix: string): OutcomeIssue[] {
  return issues.map((issue) => ({
    ...issue,
    expression: issue.expression?.map((path) => path.replace(/^[A-Z][A-Za-z]*/, prefix)),
  }));
}

/** Issue type for each AppError code, so route handlers answer FHIR clients in FHIR (docs/design.md section 4). */
const issueTypeByErrorCode: Record<ErrorCode, IssueType> = {
  bad_request: "invalid",
  unauthenticated: "login",
  forbidden: "forbidden",
  not_found: "not-found",
  conflict: "conflict",
  payload_too_large: "too-long",
  unsupported_media_type: "not-supported",
  unprocessable: "business-rule",
  rate_limited: "throttled",
  internal: "exception",
  unavailable: "transient",
};

/**
 * The OperationOutcome for a thrown error. AppError messages are patient-free by contract (lib/errors);
 * anything else is answered generically and must be logged by the caller.
 */
export function outcomeForError(thrown: unknown): { status: number; outcome: OperationOutcome } {
  // By brand, not instanceof: another server bundle's copy of AppError is still an AppError.
  const known = asAppError(thrown);
  if (known) {
    const issue = error(issueTypeByErrorCode[known.code], known.message, known.location);
    return { status: known.status, outcome: operationOutcome([issue]) };
  }
  return { status: 500, outcome: operationOutcome([error("exception", "Internal error")]) };
}

/**
 * What every FHIR mapper returns instead of throwing: a value with any warnings, or the issues that
 * stopped it. Mappers collect every problem they can find in one pass, so a sender fixing a resource
 * sees all of them at once rather than one per retry.
 */
export type MapResult<T> =
  | { ok: true; value: T; issues: OutcomeIssue[] }
  | { ok: false; issues: OutcomeIssue[] };

export function mapped<T>(value: T, issues: OutcomeIssue[] = []): MapResult<T> {
  return { ok: true, value, issues };
}

export function refused<T = never>(issues: OutcomeIssue[]): MapResult<T> {
  return { ok: false, issues };
}

/** A value is only returned when no issue is an error: warnings travel with it. */
export function resultOf<T>(value: T | undefined, issues: OutcomeIssue[]): MapResult<T> {
  return value === undefined || hasErrors(issues) ? refused(issues) : mapped(value, issues);
}
