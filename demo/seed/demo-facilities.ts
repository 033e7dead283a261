/**
 * Which facilities are this instance's demo hospital (`facility.loaded_as_demo`, migration 0024).
 * The mark decides what the local purge timer may purge (lib/retention/purge-scope.ts), and the
 * seed adds demo patients, the demo API client and demo users only where it is set, so synthetic
 * data never lands in a facility an operator created.
 */
import "server-only";
import type { DemoFacility } from "@/demo/generator/hospital";
import { placeholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { demoApiClientName } from "./demo-api-client";

export async function demoFacilityCodes(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>(
    "SELECT code FROM facility WHERE loaded_as_demo IS TRUE ORDER BY code",
  );
  return rows.map((row) => row.code);
}

/**
 * A database the seed filled before migration 0024 holds the demo hospital with the mark unset
 * (NULL; everything made since writes true or false). The seed only ever loaded facilities into an
 * empty database and created the demo API client straight after, so when every facility is
 * unmarked, every one is a demo site, and that client exists, they are all the seed's: mark them.
 * Anything else is left alone, and the purge's warning says what it skips.
 */
export async function markLegacyDemoFacilities(db: Database, hospital: DemoFacility[]): Promise<number> {
  const { rows } = await db.query<{ code: string; loaded_as_demo: boolean | null }>(
    "SELECT code, loaded_as_demo FROM facility",
  );
  const demoCodes = new Set(hospital.map((facility) => facility.code));
  const legacy =
    rows.length > 0 && rows.every((row) => row.loaded_as_demo === null && demoCodes.has(row.code));
  if (!legacy) return 0;
  const client = await db.query("SELECT 1 FROM api_client WHERE name = $1 LIMIT 1", [demoApiClientName]);
  if (client.rows.length === 0) return 0;
  const codes = rows.map((row) => row.code);
  // A handful of rows: far below DSQL's per-transaction limit, and safe to run again.
  const marked = await writeTransaction(db, (tx) =>
    tx.query(
      `UPDATE facility SET loaded_as_demo = true
        WHERE loaded_as_demo IS NULL AND code IN (${placeholders(codes.length)})`,
      codes,
    ),
  );
  return marked.rowCount;
}
