/**
 * Row budgets for purge transactions. Aurora DSQL fails any transaction that modifies more than
 * 3,000 rows (docs/design.md §3), so every purge write is a batch well under that; PGlite and
 * PostgreSQL would accept more, but the purge must behave the same on every adapter.
 */

/** DSQL's hard ceiling on rows modified by one transaction. */
export const dsqlRowsPerTransaction = 3_000;

/** Rows one batch deletes (stay events, documents): headroom under the ceiling. */
export const batchRows = 2_500;

/**
 * Rows the final transaction may modify: remaining events + each stay (delete + tombstone) +
 * documents + merge pointers + the patient + the purge_log row. Past this, another round runs
 * first. finalStays and finalDocuments at their maximum fit: 2 × 800 + 500 + 2 leaves room.
 */
export const finalTransactionRows = 2_800;

/** Stays the final transaction keeps for itself; older ones are removed in earlier batches. */
export const finalStays = 800;

/** Document rows the final transaction deletes; more are deleted in earlier batches. */
export const finalDocuments = 500;

/** Stays per earlier batch: each is a delete plus a tombstone upsert (2 rows). */
export const overflowStaysPerBatch = 1_000;

/** Document objects deleted from the store at once (S3 requests or file unlinks in flight). */
export const storageDeletesInFlight = 8;
