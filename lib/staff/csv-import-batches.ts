/**
 * Writing checked staff rows in batches that Aurora DSQL accepts. Each batch of
 * `staffImportBatchSize` users is its own transaction (long transactions over many users conflict
 * with sign-ins and, once the retries are spent, would fail with earlier batches committed
 * anyway), split further only when the users' scope rows would pass the modified-row limit. Every
 * row is an upsert by username that writes nothing when the user already matches, so running the
 * same file again after a failure completes the import without duplicates.
 */
import "server-only";
import type { Database } from "@/lib/db/types";
import { isRetryableConflict, writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { usersByUsername } from "./csv-import-check";
import type { ValidStaffRow } from "./csv-rows";
import { clinicalRolesGranted } from "./self-change";
import { desiredState, stateOf } from "./staff-changes";
import type { ScopeCatalog } from "./staff-scope";
import type { StaffUser } from "./staff-user";
import { type ChangedBy, isUsernameConflict, writeStaffUser } from "./staff-write";

/** Users per transaction (the DSQL issue: about 200, not 1,250). */
export const staffImportBatchSize = 200;

// DSQL counts every inserted, updated or deleted row (audit rows included); a margin stays free.
const rowsPerTransaction = 2_500;

export interface StaffImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** The rows writing this user would modify: user row + audit row (+ the clinical-role flag) + old scope rows deleted + new ones inserted. */
export function rowsModifiedBy(before: StaffUser | undefined, row: ValidStaffRow): number {
  const after = desiredState(before ? stateOf(before) : null, row.input);
  return (
    2 +
    (clinicalRolesGranted(before ? stateOf(before) : null, after).length > 0 ? 1 : 0) +
    (before ? before.wards.length + before.facilities.length : 0) +
    after.wards.length +
    after.facilities.length
  );
}

/**
 * Splits `items` into consecutive parts whose summed cost stays within `budget`; an item costlier
 * than the budget on its own gets a part of its own (a user has at most 1,000 scope entries, so
 * one user always fits a transaction).
 */
export function splitByBudget<T>(items: T[], costOf: (item: T) => number, budget: number): T[][] {
  const parts: T[][] = [];
  let part: T[] = [];
  let cost = 0;
  for (const item of items) {
    const itemCost = costOf(item);
    if (cost + itemCost > budget && part.length > 0) {
      parts.push(part);
      part = [];
      cost = 0;
    }
    part.push(item);
    cost += itemCost;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** One batch: usually one transaction, more when its scope rows would pass DSQL's limit. */
export async function writeStaffBatch(
  db: Database,
  catalog: ScopeCatalog,
  group: ValidStaffRow[],
  by: ChangedBy,
): Promise<StaffImportResult> {
  const counts: StaffImportResult = { created: 0, updated: 0, unchanged: 0 };
  const existing = await usersByUsername(
    db,
    group.map((row) => row.input.username),
  );
  const parts = splitByBudget(
    group,
    (row) => rowsModifiedBy(existing.get(row.input.username), row),
    rowsPerTransaction,
  );
  for (const rows of parts) {
    const written = await writePart(db, catalog, rows, by);
    counts.created += written.created;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
  }
  return counts;
}

async function writePart(db: Database, catalog: ScopeCatalog, rows: ValidStaffRow[], by: ChangedBy) {
  try {
    // Counts come back from the transaction so a retried attempt starts from zero.
    return await writeTransaction(db, async (tx) => {
      const counts: StaffImportResult = { created: 0, updated: 0, unchanged: 0 };
      // Read inside the transaction: an earlier run, or another admin, may have written these users.
      const current = await usersByUsername(
        tx,
        rows.map((row) => row.input.username),
      );
      for (const { input } of rows) {
        const before = current.get(input.username) ?? null;
        const after = desiredState(before ? stateOf(before) : null, input);
        counts[(await writeStaffUser(tx, catalog, before, after, by)).outcome]++;
      }
      return counts;
    });
  } catch (error) {
    if (isUsernameConflict(error)) {
      throw new AppError(
        "conflict",
        "Another change created one of these users during the import; import the same file again",
      );
    }
    // Retries spent (writeTransaction): other writers, sign-ins on DSQL, kept winning.
    if (isRetryableConflict(error)) {
      throw new AppError("unavailable", "Other changes kept conflicting with a batch of users", {
        cause: error,
      });
    }
    throw error;
  }
}
