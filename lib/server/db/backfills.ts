/**
 * Data backfills computed in the app, run by the migration runner (migrate.ts) under its lock
 * once the SQL migration they follow is applied. A backfill is for what SQL on Aurora DSQL cannot
 * compute (e.g. Unicode folding under the C collation). Each must be safe to run again and batch
 * its writes within DSQL's transaction limits; it is recorded in `schema_backfill` only once it
 * has finished, so an interrupted one runs again on the next start.
 */
import "server-only";
import { backfillPatientNameKeys } from "@/lib/census/patient-name-keys";
import type { Database } from "@/lib/db/types";

export interface Backfill {
  id: string;
  /** The SQL migration (file name without .sql) that must be applied first. */
  after: string;
  run(db: Database): Promise<unknown>;
}

export const backfills: Backfill[] = [
  { id: "patient_name_keys", after: "0037_patient_name_keys", run: backfillPatientNameKeys },
];
