/**
 * "Last used" for each API client (`api_client.last_used_at`, migration 0028), kept cheaply: each
 * process writes it at most once per `lastUsedIntervalMs` per client, and the UPDATE changes the
 * row only when the stored time is older than that, so a busy feed costs one small write every few
 * minutes rather than one per request (a per-request update would be a hot row on Aurora DSQL).
 * Best effort: a failed write is logged and the request goes on.
 */
import "server-only";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { log, safeError } from "@/lib/log";

export const lastUsedIntervalMs = 5 * 60_000;

const slot = Symbol.for("downtime.api-client-last-used");
type Holder = { [slot]?: WeakMap<Database, Map<string, number>> };

function writtenAt(db: Database): Map<string, number> {
  const holder = globalThis as Holder;
  holder[slot] ??= new WeakMap();
  const perDb = holder[slot].get(db) ?? new Map<string, number>();
  holder[slot].set(db, perDb);
  return perDb;
}

export async function noteApiClientUsed(db: Database, clientId: string, now = new Date()): Promise<void> {
  const written = writtenAt(db);
  const last = written.get(clientId);
  if (last !== undefined && now.getTime() - last < lastUsedIntervalMs) return;
  written.set(clientId, now.getTime());
  // Bounded: clients are few; forget the oldest if something odd makes the map grow.
  if (written.size > 1_000) written.delete(written.keys().next().value!);
  try {
    await writeTransaction(
      db,
      (tx) =>
        tx.query(
          `UPDATE api_client SET last_used_at = $2
            WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`,
          [clientId, now, new Date(now.getTime() - lastUsedIntervalMs)],
        ),
      { maxAttempts: 2 },
    );
  } catch (error) {
    log.warn("api_client.last_used_failed", { clientId, ...safeError(error) });
  }
}
