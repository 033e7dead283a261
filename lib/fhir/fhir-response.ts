import {
  hasErrors,
  information,
  type OperationOutcome,
  type OutcomeIssue,
  operationOutcome,
} from "./operation-outcome";
import { allIssues, type FhirRequestEntry, type FhirRequestMapping } from "./request-result";

/**
 * The HTTP answer to a mapped FHIR request, built after the route handler has applied its events.
 *   transaction, applied   200 + Bundle "transaction-response" (http.html#transaction-response)
 *   transaction, failed    400 + one OperationOutcome: R4 says a failed transaction returns a single
 *                          OperationOutcome, not a response Bundle
 *   batch                  200 + Bundle "batch-response", one entry per request entry in order
 *   single, message        200 (accepted, even when nothing in it changes the census) or 400
 *                          (refused) + OperationOutcome with every issue
 * A refusal whose only cause is a patient not known yet is 422, not 400: the same request succeeds
 * once the Patient has been sent. Each response entry's status:
 *   "201 Created" or "200 OK"   an entry whose event was applied, as the route reports it (by default
 *                               from the request method, POST or PUT); a resource folded into another
 *                               entry's event (its subject Patient, allergies, alerts) follows that
 *                               entry
 *   "200 OK"                    an entry that changed nothing: ignored types (with an informational
 *                               issue) and resources only used to resolve references. Never 201.
 *   "400" / "422"               refused when mapping (with the entry's OperationOutcome), or the
 *                               status the route gives for a failure while applying
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
    const status = !mapping.ok ? refusalStatus(mapping) : hasErrors(failedWhileApplying) ? 400 : 200;
    return { status, body: operationOutcome(issues) };
  }
  const byIndex = new Map(mapping.entries.map((e) => [e.index, e]));
  const entry = mapping.entries.map((e) => ({ response: entryResponse(e, byIndex, applied) }));
  const type = mapping.kind === "transaction" ? "transaction-response" : "batch-response";
  return { status: 200, body: { resourceType: "Bundle", type, entry } };
}

function refusalStatus(mapping: FhirRequestMapping): 400 | 422 {
  if (hasErrors(mapping.issues)) return 400;
  const refusals = mapping.entries.filter((e) => !e.result.ok && hasErrors(e.result.outcome));
  const allUnknown = refusals.every((e) => !e.result.ok && e.result.unknownPatient !== undefined);
  return refusals.length > 0 && allUnknown ? 422 : 400;
}

type EntryResponse = ResponseBundle["entry"][number]["response"];

function entryResponse(
  entry: FhirRequestEntry,
  byIndex: ReadonlyMap<number, FhirRequestEntry>,
  applied: ReadonlyMap<number, EntryApplied>,
): EntryResponse {
  const { result } = entry;
  if (!result.ok) {
    return {
      status: statusLine(result.unknownPatient ? 422 : 400),
      outcome: operationOutcome(result.outcome),
    };
  }
  const withIssues = (status: number, issues: readonly OutcomeIssue[] = result.issues): EntryResponse =>
    issues.length > 0
      ? { status: statusLine(status), outcome: operationOutcome(issues) }
      : { status: statusLine(status) };

  const carrier = carrierOf(entry, byIndex);
  const outcome = applied.get(carrier.index);
  if (!carrier.result.ok || (carrier !== entry && outcome?.status === "failed")) {
    // Folded into an entry that was not applied, so this resource was not applied either.
    const status =
      outcome?.status === "failed"
        ? (outcome.httpStatus ?? 422)
        : !carrier.result.ok && carrier.result.unknownPatient
          ? 422
          : 400;
    const note = information("processing", `Not applied: it belongs to Bundle.entry[${carrier.index}]`);
    return withIssues(status, [...result.issues, note]);
  }
  if (carrier.result.events.length === 0) return withIssues(200);
  if (outcome?.status === "failed") {
    return { status: statusLine(outcome.httpStatus ?? 422), outcome: operationOutcome(outcome.issues) };
  }
  const created = outcome ? outcome.status === "created" : entry.method === "POST";
  return withIssues(created ? 201 : 200);
}

/** The entry whose events carry this one: itself, or the entry it was folded into (followed to the end). */
function carrierOf(
  entry: FhirRequestEntry,
  byIndex: ReadonlyMap<number, FhirRequestEntry>,
): FhirRequestEntry {
  let current = entry;
  for (let hops = 0; hops < byIndex.size; hops++) {
    const next = current.result.ok ? current.result.foldedInto : undefined;
    const target = next === undefined ? undefined : byIndex.get(next);
    if (!target) return current;
    current = target;
  }
  return current;
}
