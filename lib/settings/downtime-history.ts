/**
 * The history of downtime declarations for the console, from the audit log (the record of who
 * declared and ended it, written in the same transaction as the switch: downtime-switch.ts).
 * Each `downtime.ended` row names the declaration it ended by its start time (`detail.since`),
 * so a period is the pair. Newest first, a page at a time; migration 0029 indexes the audit log
 * by action so this never scans the whole log.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";

export interface DowntimePeriod {
  declaredAt: Date;
  declaredBy: string | null;
  reason: string | null;
  endedAt: Date | null;
  endedBy: string | null;
}

export interface DowntimeHistoryPage {
  periods: DowntimePeriod[];
  /** Declarations in all. */
  total: number;
}

interface AuditRow {
  occurred_at: Date;
  username: string | null;
  reason: string | null;
  detail: string;
}

function sinceOf(detail: string): string | null {
  try {
    const since = (JSON.parse(detail) as { since?: unknown }).since;
    return typeof since === "string" ? new Date(since).toISOString() : null;
  } catch {
    return null;
  }
}

export async function downtimeHistory(
  db: Queryable,
  options: { page: number; pageSize: number },
): Promise<DowntimeHistoryPage> {
  const offset = (Math.max(1, options.page) - 1) * options.pageSize;
  const total = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_event WHERE action = 'downtime.declared' AND outcome = 'success'",
  );
  const declared = await db.query<AuditRow>(
    `SELECT occurred_at, username, reason, detail FROM audit_event
      WHERE action = 'downtime.declared' AND outcome = 'success'
      ORDER BY occurred_at DESC LIMIT $1 OFFSET $2`,
    [options.pageSize, offset],
  );
  const oldest = declared.rows.at(-1)?.occurred_at;
  const ended = oldest
    ? await db.query<AuditRow>(
        `SELECT occurred_at, username, reason, detail FROM audit_event
          WHERE action = 'downtime.ended' AND outcome = 'success' AND occurred_at >= $1`,
        [oldest],
      )
    : { rows: [] };
  const endings = new Map<string, AuditRow>();
  for (const row of ended.rows) {
    const since = sinceOf(row.detail);
    if (since) endings.set(since, row);
  }
  return {
    total: total.rows[0]!.n,
    periods: declared.rows.map((row) => {
      const declaredAt = new Date(row.occurred_at);
      const end = endings.get(declaredAt.toISOString());
      return {
        declaredAt,
        declaredBy: row.username,
        reason: row.reason,
        endedAt: end ? new Date(end.occurred_at) : null,
        endedBy: end?.username ?? null,
      };
    }),
  };
}
