/**
 * How many refusals reach the audit log one by one (docs/design.md section 6, "Refusals"). Every
 * refusal is audited, but a flood (a script hammering an admin route, a bad key in a tight retry
 * loop, a cross-site page posting on every visit) must not fill `audit_event`, so:
 *
 * - a token bucket per (reason, subject), the subject being the user id, API key prefix or IP:
 *   `perSubjectPerMinute` rows (default 10) with a burst of the same size;
 * - a global bucket over all of them: `globalPerMinute` rows (default 120), so rotating subjects
 *   (IPv6 addresses, made-up key prefixes) gains nothing;
 * - whatever is held back is counted per reason and written as one summary row per reason at most
 *   once a minute ("N more refusals suppressed"), so the count is never lost.
 *
 * The buckets live in this process's memory (the same trade-off as the ingest limiter,
 * lib/api-clients/rate-limiter.ts): N instances write up to N × the limits. Pure apart from the
 * clock, which callers pass in; no I/O, so proxy.ts can use it too (refusal-audit.ts writes).
 */
import { RateLimiter } from "@/lib/api-clients/rate-limiter";

export interface RefusalLimits {
  perSubjectPerMinute: number;
  globalPerMinute: number;
  /** How long a reason's suppressed count gathers before its summary row is due. */
  summaryEveryMs: number;
  /** Refusals noted at the edge (proxy.ts) and not yet written; more are counted as suppressed. */
  maxPending: number;
  /** Distinct subjects counted per summary; past it the summary says "at least". */
  maxSubjectsCounted: number;
}

export const defaultRefusalLimits: RefusalLimits = {
  perSubjectPerMinute: 10,
  globalPerMinute: 120,
  summaryEveryMs: 60_000,
  maxPending: 200,
  maxSubjectsCounted: 1_000,
};

export interface SuppressedSummary {
  reason: string;
  suppressed: number;
  /** Distinct subjects among them, capped at maxSubjectsCounted (then `subjectsCapped`). */
  subjects: number;
  subjectsCapped: boolean;
  since: Date;
  until: Date;
}

interface Tally {
  count: number;
  subjects: Set<string>;
  capped: boolean;
  since: number;
}

export class RefusalLedger<Pending> {
  private readonly perSubject = new RateLimiter({ maxBuckets: 10_000 });
  private readonly global = new RateLimiter({ maxBuckets: 1 });
  private readonly tallies = new Map<string, Tally>();
  private pending: Pending[] = [];
  readonly limits: RefusalLimits;

  constructor(limits: Partial<RefusalLimits> = {}) {
    this.limits = { ...defaultRefusalLimits, ...limits };
  }

  /** True when this refusal gets its own row; false when it is counted into the summary instead. */
  admit(reason: string, subject: string, now: number = Date.now()): boolean {
    const own = this.perSubject.take(`${reason}\u0000${subject}`, this.limits.perSubjectPerMinute, now);
    if (own.allowed && this.global.take("*", this.limits.globalPerMinute, now).allowed) return true;
    this.count(reason, subject, 1, now);
    return false;
  }

  /** Counts refusals that were not written one by one (held back, or a write that failed). */
  count(reason: string, subject: string, howMany: number, now: number = Date.now()): void {
    let tally = this.tallies.get(reason);
    if (!tally) {
      tally = { count: 0, subjects: new Set(), capped: false, since: now };
      this.tallies.set(reason, tally);
    }
    tally.count += howMany;
    if (tally.subjects.size < this.limits.maxSubjectsCounted) tally.subjects.add(subject);
    else if (!tally.subjects.has(subject)) tally.capped = true;
  }

  /**
   * For refusals seen where no database is at hand (proxy.ts): kept until the app drains them.
   * True when kept for its own row; false when only counted.
   */
  hold(entry: Pending, reason: string, subject: string, now: number = Date.now()): boolean {
    if (!this.admit(reason, subject, now)) return false;
    if (this.pending.length >= this.limits.maxPending) {
      this.count(reason, subject, 1, now);
      return false;
    }
    this.pending.push(entry);
    return true;
  }

  /** Whether a drain would write anything now. Cheap: called on every staff request. */
  hasWork(now: number = Date.now()): boolean {
    if (this.pending.length > 0) return true;
    for (const tally of this.tallies.values())
      if (now - tally.since >= this.limits.summaryEveryMs) return true;
    return false;
  }

  /** True while some count waits for its summary (so a timer can make sure it is written). */
  get hasSuppressed(): boolean {
    return this.tallies.size > 0;
  }

  /**
   * The held refusals, and a summary for every reason whose count has gathered for
   * `summaryEveryMs` (every reason when `everything`). Both are removed from the ledger: a caller
   * that fails to write them gives them back with `count`.
   */
  drain(now: number = Date.now(), options: { everything?: boolean } = {}) {
    const pending = this.pending;
    this.pending = [];
    const summaries: SuppressedSummary[] = [];
    for (const [reason, tally] of this.tallies) {
      if (!options.everything && now - tally.since < this.limits.summaryEveryMs) continue;
      this.tallies.delete(reason);
      summaries.push({
        reason,
        suppressed: tally.count,
        subjects: tally.subjects.size,
        subjectsCapped: tally.capped,
        since: new Date(tally.since),
        until: new Date(now),
      });
    }
    return { pending, summaries };
  }
}

const slot = Symbol.for("downtime.refusal-ledger");
type Holder = { [slot]?: RefusalLedger<unknown> };

/**
 * The process-wide ledger, on globalThis: Next.js loads modules once per route bundle, and
 * proxy.ts runs in the same Node.js process as the routes (Next 16 runs the proxy in-process),
 * so the proxy's held refusals and the routes' drains meet here.
 */
export function sharedRefusalLedger<Pending>(): RefusalLedger<Pending> {
  const holder = globalThis as Holder;
  holder[slot] ??= new RefusalLedger();
  return holder[slot] as RefusalLedger<Pending>;
}
