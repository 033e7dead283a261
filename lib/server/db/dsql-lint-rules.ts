/**
 * The DSQL lint's rules: id → the DSQL limitation (or project rule) it enforces and what to write
 * instead. Kept apart from the matching code in dsql-lint.ts so the table reads as documentation.
 */
export interface LintViolation {
  rule: string;
  /** 1-based line in the file where the offending statement starts. */
  line: number;
  message: string;
}

/** What each rule catches and what to do instead; the violation message starts with the finding. */
export const dsqlLintRules = {
  "no-truncate":
    "Aurora DSQL does not support TRUNCATE. Use DELETE in a DML-only migration, in batches of at most " +
    "3,000 rows (DSQL's per-transaction row limit).",
  "no-savepoint":
    "Aurora DSQL does not support SAVEPOINT, RELEASE or ROLLBACK TO. Make each statement safe to run " +
    "again instead of rolling back part of a transaction.",
  "no-temp-table":
    "Aurora DSQL does not support temporary tables. Use a CTE (WITH ...) inside the query, or a regular " +
    "table created IF NOT EXISTS.",
  "no-extension":
    "Aurora DSQL supports no PostgreSQL extensions. gen_random_uuid() is built in (no pgcrypto or " +
    "uuid-ossp needed); do anything else in application code.",
  "no-enum":
    "Aurora DSQL does not support CREATE TYPE, so there are no enum types. Use a text column with " +
    "CHECK (column IN (...)) and validate the value in code.",
  "no-create-type":
    "Aurora DSQL does not support CREATE TYPE. Use columns of built-in types, or JSON stored as text.",
  "no-array-column":
    "Aurora DSQL has arrays only at query runtime, not as a column type. Store one row per value in a " +
    "child table, or the list as JSON in a text column.",
  "no-serial":
    "Aurora DSQL does not support SERIAL types. Use uuid PRIMARY KEY DEFAULT gen_random_uuid() (spreads " +
    "writes), or an identity column with CACHE 1 or CACHE >= 65536.",
  "no-sequence":
    "This project does not use sequences (CREATE SEQUENCE, nextval, setval): on Aurora DSQL they " +
    "coordinate across the cluster and need CACHE 1 or CACHE >= 65536. Use uuid keys with DEFAULT " +
    "gen_random_uuid().",
  "no-trigger":
    "Aurora DSQL does not support triggers. Do the work in the domain code that writes the row, in the " +
    "same write transaction.",
  "no-materialized-view":
    "Aurora DSQL does not support materialized views. Use a plain view, or a table that application " +
    "code keeps up to date.",
  "no-partition":
    "Aurora DSQL does not support partitioning (PARTITION BY, PARTITION OF, ATTACH/DETACH PARTITION); " +
    "it distributes rows itself. Use one plain table.",
  "no-inherits":
    "Aurora DSQL does not support table inheritance. Create a standalone table with all its columns.",
  "no-tablespace":
    "Aurora DSQL does not support tablespaces; the service manages storage. Remove the TABLESPACE clause.",
  "no-jsonb-column":
    "Aurora DSQL allows jsonb only at query runtime, not as a column type. Store JSON as text and cast " +
    "with ::jsonb in queries.",
  "no-create-table-as":
    "Aurora DSQL does not support CREATE TABLE ... AS. Create the table with explicit columns, then fill " +
    "it with INSERT ... SELECT in a separate DML migration.",
  "no-collate":
    "Aurora DSQL uses only the C collation and rejects COLLATE in CREATE TABLE. Drop the clause; compare " +
    "case-insensitively in the query (lower(...)) or normalise in code.",
  "identity-cache":
    "Aurora DSQL requires identity columns to say CACHE 1 or CACHE >= 65536, e.g. GENERATED ALWAYS AS " +
    "IDENTITY (CACHE 65536). Prefer a uuid key with DEFAULT gen_random_uuid().",
  "add-column-plain":
    "Aurora DSQL's ALTER TABLE ... ADD COLUMN takes only a name and a type. Add the column plain, set " +
    "a default with ALTER COLUMN ... SET DEFAULT, backfill in a DML migration, enforce the rest in code.",
  "no-foreign-key":
    "This project enforces relations in code and tests them (DSQL designs avoid foreign keys). Keep the " +
    "uuid column without REFERENCES/FOREIGN KEY, and index it if queries filter on it.",
  "no-plpgsql-function":
    "Aurora DSQL only supports functions written in SQL. Use LANGUAGE sql, or move the logic into " +
    "application code.",
  "no-do-block":
    "DO blocks run PL/pgSQL, which Aurora DSQL does not support. Write plain statements that are safe " +
    "to run again (IF NOT EXISTS) instead.",
  "no-index-sort-order":
    "Aurora DSQL's CREATE INDEX ASYNC rejects ASC/DESC in the column list. List bare column names " +
    "(NULLS FIRST/LAST is allowed); an index can be scanned backwards.",
  "no-concurrently":
    "Aurora DSQL does not support CONCURRENTLY; it builds indexes asynchronously. Write plain CREATE " +
    "INDEX IF NOT EXISTS; the runner adds ASYNC on DSQL.",
  "no-mixed-ddl-dml":
    "Aurora DSQL runs one DDL statement per transaction and never DDL together with DML. Put the DML in " +
    "its own migration file.",
  "no-transaction-control":
    "The migration runner owns transactions (one per DDL statement on Aurora DSQL, one per DML file). " +
    "Remove BEGIN/COMMIT/ROLLBACK/SET TRANSACTION from the file.",
  "index-async-written-plain":
    "Write indexes as CREATE [UNIQUE] INDEX IF NOT EXISTS name ON table (...): the runner adds ASYNC on " +
    "Aurora DSQL, PostgreSQL and PGlite reject ASYNC, and DSQL needs a name with IF NOT EXISTS.",
  "index-clauses":
    "Aurora DSQL's CREATE INDEX ASYNC takes a column list, INCLUDE (...) and NULLS [NOT] DISTINCT only: " +
    "no USING method, no WHERE (partial index), no WITH (...). Index the plain columns.",
  "create-if-not-exists":
    "CREATE TABLE must say IF NOT EXISTS, so that a migration interrupted half-way (DSQL runs each DDL " +
    "statement in its own transaction) can simply run again.",
  "no-exclusion-constraint": "Aurora DSQL does not support exclusion constraints. Enforce the rule in code.",
  "no-unsupported-command":
    "Aurora DSQL does not support VACUUM, ALTER SYSTEM or more than one database. Remove the statement; " +
    "DSQL maintains storage and statistics itself.",
  "no-alter-column-type":
    "Aurora DSQL's ALTER TABLE cannot change a column's type (ALTER COLUMN ... TYPE). Add a new column " +
    "of the new type, backfill it in batches, switch the code to it, then drop the old one.",
  "no-set-not-null":
    "Aurora DSQL's ALTER TABLE supports DROP NOT NULL but not SET NOT NULL. Enforce the rule in the code " +
    "that writes the column (and a test), or create a new table with the column NOT NULL.",
  "constraint-not-valid":
    "Aurora DSQL adds a table constraint to an existing table only as ADD ... NOT VALID (then ALTER " +
    "TABLE ASYNC ... VALIDATE CONSTRAINT). Write NOT VALID, or enforce the rule in code.",
  "index-too-wide":
    "Aurora DSQL allows at most 8 columns in a primary key or index (error 54011) and 1 KiB per key. " +
    "Index fewer columns; bound or hash long values (lib/db/bounded-key.ts) before indexing them.",
  "no-listen-notify":
    "Aurora DSQL does not support LISTEN, NOTIFY, UNLISTEN or pg_notify(). Poll a table (e.g. by " +
    "updated_at through an index) or use a queue outside the database.",
  "no-advisory-lock":
    "Aurora DSQL has no advisory locks (pg_advisory_lock and friends). Claim a row with a conditional " +
    "insert or update (see the migration runner's schema_migration_lock) and rely on OCC retries.",
  "no-lock-table":
    "Aurora DSQL does not support LOCK TABLE: it is lock-free and optimistic. Make the writes conflict " +
    "on a row (OCC aborts one at COMMIT with 40001) and retry through writeTransaction.",
  "locking-clause":
    "This project uses only SELECT ... FOR UPDATE on Aurora DSQL (no FOR SHARE, FOR NO KEY UPDATE, FOR " +
    "KEY SHARE, NOWAIT or SKIP LOCKED): DSQL's optimistic concurrency never blocks, so lock strengths " +
    "and wait options do not carry their PostgreSQL meaning.",
  "for-update-by-primary-key":
    "On Aurora DSQL, SELECT ... FOR UPDATE takes part in conflict detection only for the rows it reads; " +
    "lock one table's rows by equality on every primary-key column (look the id up first, then lock " +
    "WHERE id = $1), never through a join or another filter.",
} as const;

export type DsqlLintRule = keyof typeof dsqlLintRules;
