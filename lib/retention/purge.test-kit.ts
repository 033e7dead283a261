/**
 * Test-only helpers for the purge integration tests (never imported by the app): database
 * wrappers that measure rows modified per transaction (to prove DSQL's 3,000-row limit is kept)
 * or crash on the Nth transaction (to prove resumability), and builders of census state.
 * Lives beside the tests because test/ is shared by other work in progress.
 */

import type { AdtEvent } from "@/lib/adt/events";
import type { ApiClient } from "@/lib/api-clients/api-clients";
import { applyMessage } from "@/lib/census/apply-message";
import { chunks } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import type { DocumentMetadata } from "@/lib/documents/document-metadata";

export const tombstoneKey = "purge-test-key";

const writeStatement = /^\s*(insert|update|delete|with)\b/i;

export interface CountingDatabase extends Database {
  /** Rows modified by each transaction attempt, in order. */
  readonly rowsPerTransaction: number[];
  /** Writes made outside any transaction (every write must go through writeTransaction). */
  readonly autocommitWrites: number;
}

export function countingDatabase(db: Database): CountingDatabase {
  const rowsPerTransaction: number[] = [];
  let autocommitWrites = 0;
  return {
    dialect: db.dialect,
    rowsPerTransaction,
    get autocommitWrites() {
      return autocommitWrites;
    },
    async query(sql, params) {
      if (writeStatement.test(sql)) autocommitWrites += 1;
      return db.query(sql, params);
    },
    async transaction(work, options) {
      const index = rowsPerTransaction.push(0) - 1;
      return db.transaction((tx) => {
        const counted: Queryable = {
          async query(sql, params) {
            const result = await tx.query(sql, params);
            if (writeStatement.test(sql)) rowsPerTransaction[index]! += result.rowCount;
            return result as never;
          },
        };
        return work(counted);
      }, options);
    },
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

/** Calls `hook` with the 1-based number of each transaction, just before it starts. */
export function withTransactionHook(db: Database, hook: (started: number) => Promise<void> | void): Database {
  let started = 0;
  return {
    ...db,
    async transaction(work, options) {
      await hook(++started);
      return db.transaction(work, options);
    },
  };
}

/** Throws, like a process that died, when the `crashOn`th transaction starts (1-based). */
export function crashingDatabase(db: Database, crashOn: number): Database {
  return withTransactionHook(db, (started) => {
    if (started === crashOn) throw new Error("simulated crash");
  });
}

let controlSeq = 0;
export function send(db: Database, events: AdtEvent[], controlId = `PURGE-${++controlSeq}`) {
  return applyMessage(db, { source: "pas", controlId, protocol: "json", events }, { tombstoneKey });
}

export const apiClient: ApiClient = {
  id: "00000000-0000-4000-8000-000000000009",
  name: "Purge tests",
  keyPrefix: "purge001",
  facilityCodes: ["RXD01", "RXD02"],
  rateLimitPerMinute: 10_000,
  createdAt: new Date(),
};

export const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

export const documentMeta = (producedAt: string, visitNumber?: string): DocumentMetadata => ({
  contentType: "application/pdf",
  title: "Medication administration record",
  kind: "MAR",
  producedAt: new Date(producedAt),
  ...(visitNumber ? { visitNumber } : {}),
});

/** Adds `count` events to a stay directly, in statements of at most 1,000 rows (DSQL limit). */
export async function insertStayEvents(db: Database, stayId: string, count: number, at: Date) {
  const messageId = "00000000-0000-4000-8000-0000000000ee";
  for (const batch of chunks(
    Array.from({ length: count }, (_, index) => index),
    1_000,
  )) {
    const values = batch.map((n) => `($1, $2, 'update', 'A08', $3, ${n + 1}, '{"visitNumber":"X"}')`);
    await db.transaction((tx) =>
      tx.query(
        `INSERT INTO stay_event (stay_id, message_id, kind, trigger_code, event_at, arrival, visit)
         VALUES ${values.join(", ")}`,
        [stayId, messageId, at],
      ),
    );
  }
}

export async function countRows(db: Queryable, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

export const purgeTables = [
  "stay_event",
  "stay",
  "document",
  "patient",
  "ingest_message",
  "facility_setting",
  "purged_visit",
  "purged_patient",
  "purge_log",
  "fhir_patient_ref",
  "sync_ledger",
];

/** Between tests only; these run on PGlite/PostgreSQL, which take a large DELETE (DSQL would not). */
export async function resetTables(db: Database) {
  for (const table of purgeTables) await db.query(`DELETE FROM ${table}`);
}
