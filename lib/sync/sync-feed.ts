/**
 * The server side of the offline sync contract (sync-types.ts): pages of census entries in the
 * user's scope changed since a cursor, in keyset order of (change time, stay id).
 *
 * What counts as a change: an entry's change time is the latest of its stay's `updated_at`, its
 * patient's `updated_at` and the newest `received_at` of the patient's documents (see
 * lib/ward-list/census-entries.ts), so a new or replaced document re-sends the entry listing it.
 * Removals of entries (discharge, transfer off the user's wards, purge) reach the client through
 * `liveStayIds` on the last page. A document deleted on its own (document purge) bumps nothing:
 * its metadata stays in the cache until the entry's next change, and opening it answers 404.
 *
 * Late commits: `updated_at` is `now()`, the writing transaction's start, so a transaction that
 * commits after a sync has read could carry a time below the cursor and never be sent. Entries
 * are therefore sent only once their change time is `settleSeconds` old (database clock), longer
 * than any ingest transaction runs; the offline cache lags the live ward list by that much.
 *
 * What was sent to which session goes in the ledger (sync-ledger.ts), in the same transaction as
 * the audit rows, so a device's later report of offline reads can be checked against it.
 *
 * Audit: a sync is not a view (nobody need have looked). A round, from a first page to the page
 * with nothing more, is ONE `patient.sync` event listing the patients sent (listed-patients.ts):
 * the cursor of a page with more to come carries the round's id, and the event's id is derived
 * from the session and that id, so each later page adds its patients to the same event. Reads
 * made from the copy are reported by the device later as the views they were (offline-reads.ts).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { currentStayStatusesSql } from "@/lib/adt/stay-status";
import { actorFields } from "@/lib/audit/actor-fields";
import { derivedAuditEventId } from "@/lib/audit/audit-event-id";
import { recordListedPatients } from "@/lib/audit/listed-patients";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { entriesSql, readEntries, toCensusEntry } from "@/lib/ward-list/census-entries";
import { readableWardIds, wardFilter } from "@/lib/ward-list/readable-wards";
import { decodeCursor, encodeCursor, type SyncPosition, scopeVersion } from "./sync-cursor";
import { recordSent, renewCopyLife } from "./sync-ledger";
import type { SyncPage } from "./sync-types";

export interface SyncRequest {
  cursor?: string;
  limit?: number;
  now: Date;
  cacheTtlSeconds: number;
  /** How old a change must be before it is sent (see above); tests pass 0. */
  settleSeconds?: number;
}

export const maximumPageSize = 500;
const origin = { updatedAt: "1970-01-01T00:00:00.000000Z", stayId: "00000000-0000-0000-0000-000000000000" };

export async function syncPage(db: Database, principal: Principal, request: SyncRequest): Promise<SyncPage> {
  const limit = request.limit ?? 200;
  if (!Number.isInteger(limit) || limit < 1 || limit > maximumPageSize) {
    throw new AppError("bad_request", `A sync page holds 1 to ${maximumPageSize} entries`);
  }
  const settleSeconds = request.settleSeconds ?? 5;
  const decoded = request.cursor === undefined ? null : decodeCursor(request.cursor);
  // No patient-reading role means an empty scope: the client then empties its cache.
  const wardIds = await readableWardIds(db, principal);
  const version = scopeVersion(wardIds);
  // A cursor issued under another scope would skip older entries on newly granted wards: start
  // over (the client sees the new scope version and rebuilds its cache from this page).
  const from: Omit<SyncPosition, "scopeVersion"> = decoded?.scopeVersion === version ? decoded : origin;

  const n = wardIds.length;
  const { entries, hasMore, liveStayIds } = await db.transaction(async (tx) => {
    const rows = await readEntries(
      tx,
      entriesSql(
        wardFilter("s.ward_id", wardIds, 1),
        `WHERE e.changed_at <= now() - ($${n + 1}::double precision * interval '1 second')
           AND (e.changed_at > $${n + 2}::timestamptz
                OR (e.changed_at = $${n + 2}::timestamptz AND e.stay_id > $${n + 3}::uuid))
         ORDER BY e.changed_at, e.stay_id
         LIMIT ${limit + 1}`,
      ),
      [...wardIds, settleSeconds, from.updatedAt, from.stayId],
    );
    const more = rows.length > limit;
    if (more) return { entries: rows.slice(0, limit), hasMore: true, liveStayIds: undefined };
    const live = await tx.query<{ id: string }>(
      `SELECT s.id FROM stay s WHERE s.status IN ${currentStayStatusesSql} AND ${wardFilter("s.ward_id", wardIds, 1)}
        ORDER BY s.id`,
      wardIds,
    );
    return { entries: rows, hasMore: false, liveStayIds: live.rows.map((row) => row.id) };
  });

  const upserts = entries.map(toCensusEntry);
  const last = upserts.at(-1);
  const next = last
    ? { updatedAt: last.updatedAt, stayId: last.stayId }
    : { updatedAt: from.updatedAt, stayId: from.stayId };
  // The round this page belongs to: a continuing cursor names it; a first page starts one.
  const roundId = from === decoded && decoded?.roundId ? decoded.roundId : randomUUID();
  const patientIds = [...new Set(upserts.map((entry) => entry.patient.patientId))];
  // The device's copy may show what it holds until this long from now (lib/offline/ward-cache.ts).
  const copyExpiresAt = new Date(request.now.getTime() + request.cacheTtlSeconds * 1000);
  if (upserts.length > 0) {
    const auditEventId = derivedAuditEventId("sync-round", principal.sessionId, roundId);
    await writeTransaction(db, async (tx) => {
      // The round's first page with entries writes the event; later pages find it and add patients.
      await recordAudit(
        tx,
        {
          id: auditEventId,
          ...actorFields(principal),
          action: "patient.sync",
          outcome: "success",
          occurredAt: request.now,
          detail: { via: "sync", wardIds },
        },
        { skipDuplicates: true },
      );
      await recordListedPatients(tx, {
        auditEventId,
        action: "patient.sync",
        occurredAt: request.now,
        patientIds,
      });
      await recordSent(
        tx,
        principal,
        upserts.map((entry) => ({ patientId: entry.patient.patientId, wardId: entry.wardId })),
        request.now,
        copyExpiresAt,
      );
    });
  }
  // A completed round renews the whole copy's expiry on the device, so renew it in the ledger.
  if (!hasMore) await renewCopyLife(db, principal, wardIds, copyExpiresAt);
  return {
    nextCursor: encodeCursor({ ...next, scopeVersion: version, ...(hasMore ? { roundId } : {}) }),
    hasMore,
    serverTime: request.now.toISOString(),
    completeAsOf: new Date(request.now.getTime() - settleSeconds * 1000).toISOString(),
    upserts,
    ...(liveStayIds ? { liveStayIds } : {}),
    scope: { wardIds, version },
    cacheTtlSeconds: request.cacheTtlSeconds,
  };
}

export { latestChange } from "./latest-change";
