/**
 * Every refusal leaves a trace in `audit_event` (docs/design.md section 6, "Refusals"): role 403s on
 * routes and pages, cross-site requests refused by proxy.ts, bad or withdrawn API keys, refused
 * break-glass. One `access.refused` row (`break-glass.refused` for break-glass) per refusal with
 * the route, method, reason and who (user id, key prefix or client id, address), as far as the
 * limits in refusal-limiter.ts allow; past them an `access.refused.suppressed` row per reason
 * carries the count. Writing never throws: a refusal must be answered even when the database is
 * not there, and what could not be written is counted into the next summary.
 */
import "server-only";
import { isUuid } from "@/lib/access/uuid";
import { apiKeyFromHeaders, parseApiKey, revokedKeyMessage } from "@/lib/api-clients/api-key-format";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { isAppError } from "@/lib/errors";
import { log, safeError } from "@/lib/log";
import { actorFields } from "./actor-fields";
import { type AuditEventInput, recordAudit } from "./record-audit";
import { type RefusalFacts, refusalSubject, routeLabel } from "./refusal-facts";
import { type RefusalLedger, type SuppressedSummary, sharedRefusalLedger } from "./refusal-limiter";

export type { RefusalFacts, RefusalReason } from "./refusal-facts";

export interface RefusalAuditOptions {
  /** Injected for tests; the process-wide ledger otherwise. */
  ledger?: RefusalLedger<RefusalFacts>;
  now?: Date;
}

function refusalEvent(facts: RefusalFacts): AuditEventInput {
  const breakGlass = facts.reason === "break-glass";
  const who = facts.principal
    ? actorFields(facts.principal)
    : {
        method: facts.clientId || facts.keyPrefix ? ("api" as const) : null,
        ip: facts.ip,
        userAgent: facts.userAgent ?? null,
      };
  return {
    ...who,
    action: breakGlass ? "break-glass.refused" : "access.refused",
    outcome: "refused",
    occurredAt: facts.occurredAt,
    patientId: isUuid(facts.patientId) ? facts.patientId : null,
    breakGlass,
    // On break-glass rows the reason column holds the justification of a grant; a refusal keeps
    // the text offered out of the log (it may name the patient) and says which rule refused.
    reason: breakGlass ? null : facts.reason,
    detail: {
      ...facts.extra,
      route: routeLabel(facts.route),
      method: facts.method,
      reason: breakGlass ? (facts.rule?.slice(0, 40) ?? null) : facts.reason,
      ...(facts.principal ? { userId: facts.principal.userId } : {}),
      ...(facts.clientId ? { clientId: facts.clientId } : {}),
      ...(facts.keyPrefix ? { keyPrefix: facts.keyPrefix } : {}),
      ip: who.ip ?? null,
    },
  };
}

function summaryEvent(summary: SuppressedSummary): AuditEventInput {
  return {
    action: "access.refused.suppressed",
    outcome: "refused",
    occurredAt: summary.until,
    method: "system",
    reason: summary.reason,
    detail: {
      reason: summary.reason,
      suppressed: summary.suppressed,
      subjects: summary.subjects,
      subjectsCapped: summary.subjectsCapped,
      since: summary.since.toISOString(),
      until: summary.until.toISOString(),
    },
  };
}

async function write(
  db: Database,
  ledger: RefusalLedger<RefusalFacts>,
  own: RefusalFacts[],
  now: number,
  everything = false,
): Promise<void> {
  const { pending, summaries } = ledger.hasWork(now) || everything ? ledger.drain(now, { everything }) : none;
  const facts = [...own, ...pending];
  if (facts.length === 0 && summaries.length === 0) return;
  try {
    await writeTransaction(db, (tx) =>
      recordAudit(tx, [...facts.map(refusalEvent), ...summaries.map(summaryEvent)]),
    );
  } catch (error) {
    // Nothing identifying: the reasons and how many. The counts go to the next summary.
    log.warn("refusal_audit.write_failed", { rows: facts.length + summaries.length, ...safeError(error) });
    for (const fact of facts) ledger.count(fact.reason, refusalSubject(fact), 1, now);
    for (const summary of summaries) ledger.count(summary.reason, "summary", summary.suppressed, now);
  }
  if (ledger === sharedRefusalLedger()) scheduleSummary(db, ledger);
}

const none = { pending: [] as RefusalFacts[], summaries: [] as SuppressedSummary[] };

const timerSlot = Symbol.for("downtime.refusal-summary-timer");
type TimerHolder = { [timerSlot]?: ReturnType<typeof setTimeout> };

/**
 * A count held back must reach the log even if no later request drains it: one timer, set only
 * while something is counted, writes the due summaries. Unref'd, so it never keeps a process up.
 */
function scheduleSummary(db: Database, ledger: RefusalLedger<RefusalFacts>): void {
  const holder = globalThis as TimerHolder;
  if (!ledger.hasSuppressed || holder[timerSlot]) return;
  holder[timerSlot] = setTimeout(() => {
    holder[timerSlot] = undefined;
    void write(db, ledger, [], Date.now());
  }, ledger.limits.summaryEveryMs + 1_000);
  holder[timerSlot].unref?.();
}

/**
 * Audits one refusal (its own row if the limits allow, else counted), with whatever refusals
 * proxy.ts held and summaries that are due. Resolves true when this refusal got its own row.
 */
export async function auditRefusal(
  db: Database,
  facts: RefusalFacts,
  options: RefusalAuditOptions = {},
): Promise<boolean> {
  const ledger = options.ledger ?? sharedRefusalLedger<RefusalFacts>();
  const now = (options.now ?? new Date()).getTime();
  const own = ledger.admit(facts.reason, refusalSubject(facts), now);
  await write(db, ledger, own ? [{ ...facts, occurredAt: facts.occurredAt ?? new Date(now) }] : [], now);
  return own;
}

/**
 * Writes refusals held at the edge and due summaries; a no-op (no query) when there are none.
 * `everything` also writes summaries still gathering (at shutdown, in tests).
 */
export async function flushRefusals(
  db: Database,
  options: RefusalAuditOptions & { everything?: boolean } = {},
): Promise<void> {
  const ledger = options.ledger ?? sharedRefusalLedger<RefusalFacts>();
  const now = (options.now ?? new Date()).getTime();
  if (!options.everything && !ledger.hasWork(now)) return;
  await write(db, ledger, [], now, options.everything);
}

export interface IngestRefusal {
  /** The request's headers: the presented key's prefix is read from them, never its secret. */
  headers: Headers;
  route: string | null;
  method: string | null;
  ip: string | null;
  /** What authorizeIngest (or the route) threw. */
  error: unknown;
  /** The client, when its key was recognised (rate limit, facility scope). */
  clientId?: string | null;
}

/** The refusal an ingest error stands for; null for errors that are not about access (a bad body). */
export function ingestRefusalReason(error: unknown, headers: Headers, clientId?: string | null) {
  if (!isAppError(error)) return null;
  if (error.code === "rate_limited") return "api-key-rate-limited";
  if (error.code === "forbidden") return clientId ? "facility-out-of-scope" : null;
  if (error.code !== "unauthenticated") return null;
  // authenticateApiKey says "revoked" only to the real holder of a withdrawn key.
  if (error.message === revokedKeyMessage) return "api-key-revoked";
  const presented = apiKeyFromHeaders(headers);
  if (!presented) return "api-key-missing";
  return parseApiKey(presented) ? "api-key-not-recognised" : "api-key-malformed";
}

/**
 * For the ingest frame: audits a refused API key (401/403/429) with the key's prefix when it had
 * the key's shape. Other errors are ignored, so it can be called with whatever was caught.
 */
export async function auditIngestRefusal(
  db: Database,
  refusal: IngestRefusal,
  options: RefusalAuditOptions = {},
): Promise<boolean> {
  const reason = ingestRefusalReason(refusal.error, refusal.headers, refusal.clientId);
  if (!reason) return false;
  const presented = apiKeyFromHeaders(refusal.headers);
  return auditRefusal(
    db,
    {
      reason,
      route: refusal.route,
      method: refusal.method,
      ip: refusal.ip,
      keyPrefix: presented ? (parseApiKey(presented)?.prefix ?? null) : null,
      clientId: refusal.clientId ?? null,
      userAgent: refusal.headers.get("user-agent")?.slice(0, 300) ?? null,
    },
    options,
  );
}

/**
 * For lib/access/break-glass.ts: a refused grant, flagged break-glass, rate-limited like every
 * refusal, in the shape that module writes today (detail.reason = the rule that refused, plus
 * `detail` counts), with the route and method when the caller knows them.
 */
export function auditBreakGlassRefusal(
  db: Database,
  principal: Principal,
  refusal: {
    patientId: string;
    now: Date;
    /** "role", "too-short", "grant-length", "unknown-patient", "too-many-grants"… */
    refusal: string;
    detail?: Record<string, number>;
    route?: string | null;
    method?: string | null;
  },
  options: RefusalAuditOptions = {},
): Promise<boolean> {
  return auditRefusal(
    db,
    {
      reason: "break-glass",
      rule: refusal.refusal,
      route: refusal.route ?? null,
      method: refusal.method ?? null,
      principal,
      ip: principal.ip,
      patientId: refusal.patientId,
      extra: refusal.detail,
      occurredAt: refusal.now,
    },
    { now: refusal.now, ...options },
  );
}
