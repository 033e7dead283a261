import { hasErrors, type OperationOutcome, type OutcomeIssue, operationOutcome } from "./operation-outcome";
import { allIssues, type FhirRequestMapping } from "./request-result";

/**
 * The HTTP answer to a mapped FHIR request, built after the route handler has applied its events.
 *   transaction, applied   200 + Bundle "transaction-response" (http.html#transaction-response)
 *   transaction, failed    400 + one OperationOutcome: R4 says a failed transaction returns a single
 *                          OperationOutcome, not a response Bundle
 *   batch                  200 + Bundle "batch-response", one entry per request entry in order
 *   single, message        200 (applied) or 400 (refused) + OperationOutcome with every issue
 * Each response entry's status: "201 Created" or "200 OK" as the route reports it (by default from
 * the request method, POST or PUT), "400 Bad Request" with the entry's OperationOutcome when mapping
 * refused it, or the status the route gives for a failure while applying.
 */

export type EntryApplied =
  | { status: "created" | "updated" }
  | { status: "failed"; issues: OutcomeIssue[]; httpStatus?: 400 | 403 | 409 | 422 | 500 | 503 };

export interface ResponseBundle {
  resourceType: "Bundle";
  type: "transaction-response" | "batch-response";
  entry: { response: { status: string; outcome?: OperationOutcome } }[];
}

export interface FhirResponse {
  status: number;
  body: ResponseBundle | OperationOutcome;
}

const reasons: Record<number, string> = {
  200: "OK",
  201: "Created",
  400: "Bad Request",
  403: "Forbidden",
  409: "Conflict",
  422: "Unprocessable Entity",
  500: "Internal Server Error",
  503: "Service Unavailable",
};
const statusLine = (status: number) => `${status} ${reasons[status] ?? ""}`.trim();

/** `applied` holds what happened to each applied entry, by Bundle.entry index. */
export function fhirResponse(
  mapping: FhirRequestMapping,
  applied: ReadonlyMap<number, EntryApplied> = new Map(),
): FhirResponse {
  const failedWhileApplying = [...applied.values()].flatMap((a) => (a.status === "failed" ? a.issues : []));
  if (
    mapping.kind === "single" ||
    mapping.kind === "message" ||
    (mapping.kind === "transaction" && !mapping.ok)
  ) {
    const issues = [...allIssues(mapping), ...failedWhileApplying].filter(
      (issue) => mapping.ok || issue.severity !== "information" || issue.code !== "processing",
    );
    const ok = mapping.ok && !hasErrors(failedWhileApplying);
    return { status: ok ? 200 : 400, body: operationOutcome(issues) };
  }
  const entry = mapping.entries.map(({ index, method, result }) => {
    if (!result.ok)
      return { response: { status: statusLine(400), outcome: operationOutcome(result.outcome) } };
    const outcome = applied.get(index);
    if (outcome?.status === "failed") {
      return {
        response: {
          status: statusLine(outcome.httpStatus ?? 422),
          outcome: operationOutcome(outcome.issues),
        },
      };
    }
    const created = outcome ? outcome.status === "created" : method === "POST";
    const status = statusLine(created ? 201 : 200);
    return {
      response: result.issues.length > 0 ? { status, outcome: operationOutcome(result.issues) } : { status },
    };
  });
  const type = mapping.kind === "transaction" ? "transaction-response" : "batch-response";
  return { status: 200, body: { resourceType: "Bundle", type, entry } };
}
