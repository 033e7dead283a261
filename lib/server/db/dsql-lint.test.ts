import { describe, expect, it } from "vitest";
import { type DsqlLintRule, dsqlLintRules, formatLintViolations, lintMigration } from "./dsql-lint";

/** Joins lines so each case shows the file as it would be written, and line numbers are easy to read. */
const file = (...lines: string[]) => lines.join("\n");

interface BadMigration {
  rule: DsqlLintRule;
  sql: string;
  /** Every violation the file must produce, as [rule, line], in file order. */
  expected: Array<[DsqlLintRule, number]>;
}

// One realistic bad migration per rule. Each expects exactly its own violations, so a case also
// proves the other rules stay quiet about it.
const badMigrations: BadMigration[] = [
  {
    rule: "no-sequence",
    sql: file("-- Renumber the wards.", "UPDATE ward SET code = nextval('ward_code_seq')::text;"),
    expected: [["no-sequence", 2]],
  },
  {
    rule: "no-truncate",
    sql: file("-- Start the ingest log afresh.", "TRUNCATE TABLE ingest_message;"),
    expected: [["no-truncate", 2]],
  },
  {
    rule: "no-savepoint",
    sql: file(
      "-- Seed wards, keeping going if one fails.",
      "SAVEPOINT before_wards;",
      "INSERT INTO ward (facility_id, code, name) SELECT id, 'AMU', 'Acute Medical Unit' FROM facility;",
      "RELEASE SAVEPOINT before_wards;",
    ),
    expected: [
      ["no-savepoint", 2],
      ["no-savepoint", 4],
    ],
  },
  {
    rule: "no-temp-table",
    sql: file(
      "-- Scratch space for the census rebuild.",
      "CREATE TEMP TABLE IF NOT EXISTS census_scratch (",
      "  ward_id uuid,",
      "  occupied bigint",
      ");",
    ),
    expected: [["no-temp-table", 2]],
  },
  {
    rule: "no-extension",
    sql: file("-- uuid keys", 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";'),
    expected: [["no-extension", 2]],
  },
  {
    rule: "no-enum",
    sql: file(
      "-- Stay status from ADT events (A01 admit, A03 discharge, ...).",
      "CREATE TYPE stay_status AS ENUM ('pre-admitted', 'admitted', 'on-leave', 'discharged', 'cancelled');",
    ),
    expected: [["no-enum", 2]],
  },
  {
    rule: "no-create-type",
    sql: file("-- Postal address, XAD.", "CREATE TYPE address AS (line1 text, line2 text, postcode text);"),
    expected: [["no-create-type", 2]],
  },
  {
    rule: "no-array-column",
    sql: file(
      "CREATE TABLE IF NOT EXISTS patient_extra (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
      "  allergies text[] NOT NULL DEFAULT '{}',",
      "  alert_codes varchar(20) ARRAY",
      ");",
    ),
    expected: [
      ["no-array-column", 1],
      ["no-array-column", 1],
    ],
  },
  {
    rule: "no-serial",
    sql: file(
      "-- Audit trail.",
      "CREATE TABLE IF NOT EXISTS audit_event (",
      "  id bigserial PRIMARY KEY,",
      "  action text NOT NULL",
      ");",
    ),
    expected: [["no-serial", 2]],
  },
  {
    rule: "no-sequence",
    sql: file("-- Human-readable visit numbers.", "CREATE SEQUENCE IF NOT EXISTS visit_number_seq CACHE 1;"),
    expected: [["no-sequence", 2]],
  },
  {
    rule: "no-trigger",
    sql: file(
      "CREATE TRIGGER stay_touch",
      "  BEFORE UPDATE ON stay",
      "  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();",
    ),
    expected: [["no-trigger", 1]],
  },
  {
    rule: "no-materialized-view",
    sql: file(
      "-- Census per ward for the board.",
      "CREATE MATERIALIZED VIEW IF NOT EXISTS ward_census AS",
      "  SELECT ward_id, count(*) AS occupied FROM stay WHERE status = 'admitted' GROUP BY ward_id;",
    ),
    expected: [["no-materialized-view", 2]],
  },
  {
    rule: "no-partition",
    sql: file(
      "CREATE TABLE IF NOT EXISTS audit_event (",
      "  id uuid NOT NULL DEFAULT gen_random_uuid(),",
      "  at timestamptz NOT NULL",
      ") PARTITION BY RANGE (at);",
      "",
      "CREATE TABLE IF NOT EXISTS audit_event_2026 PARTITION OF audit_event",
      "  FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
    ),
    expected: [
      ["no-partition", 1],
      ["no-partition", 6],
    ],
  },
  {
    rule: "no-inherits",
    sql: file(
      "CREATE TABLE IF NOT EXISTS archived_stay (",
      "  archived_at timestamptz NOT NULL",
      ") INHERITS (stay);",
    ),
    expected: [["no-inherits", 1]],
  },
  {
    rule: "no-tablespace",
    sql: file(
      "CREATE TABLE IF NOT EXISTS document (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
      "  bytes bytea",
      ") TABLESPACE bulk_storage;",
    ),
    expected: [["no-tablespace", 1]],
  },
  {
    rule: "no-jsonb-column",
    sql: file(
      "-- Published extras (alerts, allergies) as sent.",
      "CREATE TABLE IF NOT EXISTS patient_published (",
      "  patient_id uuid PRIMARY KEY,",
      "  extras jsonb NOT NULL DEFAULT '{}'",
      ");",
    ),
    expected: [["no-jsonb-column", 2]],
  },
  {
    rule: "no-create-table-as",
    sql: file(
      "CREATE TABLE IF NOT EXISTS stay_backup AS",
      "  SELECT * FROM stay WHERE discharged_at IS NULL;",
    ),
    expected: [["no-create-table-as", 1]],
  },
  {
    rule: "no-collate",
    sql: file(
      "CREATE TABLE IF NOT EXISTS staff_user (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
      '  display_name text COLLATE "en-GB-x-icu" NOT NULL',
      ");",
    ),
    expected: [["no-collate", 1]],
  },
  {
    rule: "identity-cache",
    sql: file(
      "CREATE TABLE IF NOT EXISTS purge_log (",
      "  id bigint GENERATED ALWAYS AS IDENTITY (CACHE 100) PRIMARY KEY,",
      "  purged_at timestamptz NOT NULL",
      ");",
      "CREATE TABLE IF NOT EXISTS api_client (",
      "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
      ");",
    ),
    expected: [
      ["identity-cache", 1],
      ["identity-cache", 5],
    ],
  },
  {
    rule: "add-column-plain",
    sql: file(
      "-- Consultant from PV1-7.",
      "ALTER TABLE stay ADD COLUMN IF NOT EXISTS consultant_code text NOT NULL DEFAULT '';",
      "ALTER TABLE stay ADD specialty text CHECK (specialty <> '');",
    ),
    expected: [
      ["add-column-plain", 2],
      ["add-column-plain", 3],
    ],
  },
  {
    rule: "no-foreign-key",
    sql: file(
      "CREATE TABLE IF NOT EXISTS user_ward_access (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
      "  user_id uuid NOT NULL,",
      "  ward_id uuid NOT NULL,",
      "  CONSTRAINT user_ward_access_user_fk FOREIGN KEY (user_id) REFERENCES staff_user (id)",
      ");",
      "ALTER TABLE user_ward_access ADD CONSTRAINT user_ward_access_ward_fk FOREIGN KEY (ward_id) REFERENCES ward (id);",
    ),
    expected: [
      ["no-foreign-key", 1],
      ["constraint-not-valid", 7],
      ["no-foreign-key", 7],
    ],
  },
  {
    rule: "no-alter-column-type",
    sql: file(
      "-- Visit numbers as numbers.",
      "ALTER TABLE stay ALTER COLUMN visit_number TYPE bigint USING visit_number::bigint;",
    ),
    expected: [["no-alter-column-type", 2]],
  },
  {
    rule: "no-set-not-null",
    sql: file(
      "-- Every patient has a key now.",
      "ALTER TABLE patient ALTER COLUMN family_name_key SET NOT NULL;",
    ),
    expected: [["no-set-not-null", 2]],
  },
  {
    rule: "constraint-not-valid",
    sql: file(
      "ALTER TABLE stay ADD CONSTRAINT stay_status_check CHECK (status IN ('admitted', 'discharged'));",
    ),
    expected: [["constraint-not-valid", 1]],
  },
  {
    rule: "index-too-wide",
    sql: file(
      "CREATE INDEX IF NOT EXISTS stay_everything_idx ON stay (facility_id, ward_id, status, bed, room, consultant, specialty)",
      "  INCLUDE (admitted_at, discharged_at);",
    ),
    expected: [["index-too-wide", 1]],
  },
  {
    rule: "no-listen-notify",
    sql: file("-- Wake the ward screens.", "SELECT pg_notify('census', 'changed');", "NOTIFY census;"),
    expected: [
      ["no-listen-notify", 2],
      ["no-listen-notify", 3],
    ],
  },
  {
    rule: "no-advisory-lock",
    sql: file(
      "SELECT pg_advisory_xact_lock(42);",
      "DELETE FROM ingest_message WHERE received_at < now() - interval '90 days';",
    ),
    expected: [["no-advisory-lock", 1]],
  },
  {
    rule: "no-lock-table",
    sql: file(
      "LOCK TABLE stay IN EXCLUSIVE MODE;",
      "UPDATE stay SET status = 'discharged' WHERE discharged_at IS NOT NULL;",
    ),
    expected: [["no-lock-table", 1]],
  },
  {
    rule: "locking-clause",
    sql: file(
      "SELECT id FROM staff_user WHERE id = '00000000-0000-0000-0000-000000000000' FOR SHARE SKIP LOCKED;",
    ),
    expected: [
      ["locking-clause", 1],
      ["locking-clause", 1],
    ],
  },
  {
    rule: "for-update-by-primary-key",
    sql: file("SELECT id FROM staff_user WHERE username = 'x' FOR UPDATE;"),
    expected: [["for-update-by-primary-key", 1]],
  },
  {
    rule: "no-plpgsql-function",
    sql: file(
      "CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$",
      "BEGIN",
      "  NEW.updated_at := now();",
      "  RETURN NEW;",
      "END;",
      "$$;",
      "",
      "CREATE FUNCTION nhs_number_valid(n text) RETURNS boolean AS $body$ BEGIN RETURN true; END $body$",
      "  LANGUAGE 'plpgsql';",
    ),
    expected: [
      ["no-plpgsql-function", 1],
      ["no-plpgsql-function", 8],
    ],
  },
  {
    rule: "no-do-block",
    sql: file(
      "DO $$",
      "BEGIN",
      "  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'sex') THEN",
      "    CREATE TYPE sex AS ENUM ('female', 'male', 'unknown');",
      "  END IF;",
      "END $$;",
    ),
    expected: [["no-do-block", 1]],
  },
  {
    rule: "no-index-sort-order",
    sql: file(
      "-- Latest events first on the ward board.",
      "CREATE INDEX IF NOT EXISTS stay_ward_event_idx ON stay (ward_id, last_event_at DESC);",
    ),
    expected: [["no-index-sort-order", 2]],
  },
  {
    rule: "no-concurrently",
    sql: file("CREATE INDEX CONCURRENTLY IF NOT EXISTS stay_patient_idx ON stay (patient_id);"),
    expected: [["no-concurrently", 1]],
  },
  {
    rule: "no-mixed-ddl-dml",
    sql: file(
      "CREATE TABLE IF NOT EXISTS setting (",
      "  key text PRIMARY KEY,",
      "  value text NOT NULL",
      ");",
      "",
      "INSERT INTO setting (key, value) VALUES ('retention_days', '30');",
    ),
    expected: [["no-mixed-ddl-dml", 6]],
  },
  {
    rule: "no-transaction-control",
    sql: file("BEGIN;", "INSERT INTO setting (key, value) VALUES ('publishing', 'on');", "COMMIT;"),
    expected: [
      ["no-transaction-control", 1],
      ["no-transaction-control", 3],
    ],
  },
  {
    rule: "index-async-written-plain",
    sql: file(
      "CREATE INDEX ASYNC IF NOT EXISTS stay_ward_idx ON stay (ward_id);",
      "CREATE UNIQUE INDEX stay_visit_idx ON stay (facility_id, visit_number);",
      "CREATE INDEX ON document (patient_id);",
      "CREATE INDEX IF NOT EXISTS public.document_stay_idx ON document (stay_id);",
    ),
    expected: [
      ["index-async-written-plain", 1],
      ["index-async-written-plain", 2],
      ["index-async-written-plain", 3],
      ["index-async-written-plain", 3],
      ["index-async-written-plain", 4],
    ],
  },
  {
    rule: "index-clauses",
    sql: file(
      "-- One open stay per visit number.",
      "CREATE UNIQUE INDEX IF NOT EXISTS stay_open_visit_idx ON stay (visit_number) WHERE discharged_at IS NULL;",
      "CREATE INDEX IF NOT EXISTS patient_name_idx ON patient USING hash (family_name);",
    ),
    expected: [
      ["index-clauses", 2],
      ["index-clauses", 3],
    ],
  },
  {
    rule: "create-if-not-exists",
    sql: file(
      "CREATE TABLE patient (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
      "  nhs_number text",
      ");",
    ),
    expected: [["create-if-not-exists", 1]],
  },
  {
    rule: "no-exclusion-constraint",
    sql: file(
      "CREATE TABLE IF NOT EXISTS bed_booking (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
      "  bed text NOT NULL,",
      "  booked tstzrange NOT NULL,",
      "  EXCLUDE USING gist (bed WITH =, booked WITH &&)",
      ");",
    ),
    expected: [["no-exclusion-constraint", 1]],
  },
  {
    rule: "no-unsupported-command",
    sql: file("-- Reclaim space after the purge.", "VACUUM ANALYZE stay;"),
    expected: [["no-unsupported-command", 2]],
  },
];

describe("lintMigration rules", () => {
  it("has a bad migration for every rule", () => {
    const covered = new Set(badMigrations.map((migration) => migration.rule));
    expect([...covered].sort()).toEqual(Object.keys(dsqlLintRules).sort());
  });

  it.each(badMigrations)(
    "$rule catches a bad migration, at the statement's line",
    ({ rule, sql, expected }) => {
      const violations = lintMigration(sql, `bad-${rule}.sql`);
      expect(violations.map((v) => [v.rule, v.line])).toEqual(expected);
      for (const violation of violations) {
        // The message names what was found and then says what to do instead.
        expect(violation.message.endsWith(dsqlLintRules[violation.rule as DsqlLintRule])).toBe(true);
      }
    },
  );
});

describe("lintMigration on good migrations", () => {
  const schema = file(
    "-- 0003_document.sql: discharge letters and results, one row per document version.",
    "-- Keys are uuids (gen_random_uuid()) because they spread writes on DSQL; relations to",
    "-- patient and stay are enforced in code.",
    "CREATE TABLE IF NOT EXISTS document (",
    "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
    "  patient_id uuid NOT NULL,",
    "  stay_id uuid,",
    "  kind text NOT NULL CHECK (kind IN ('letter', 'result', 'note')),",
    "  title text NOT NULL,",
    "  content_type text NOT NULL,",
    "  size_bytes bigint NOT NULL,",
    "  sha256 bytea NOT NULL,",
    "  storage_key text,",
    "  inline_bytes bytea,",
    "  extras_json text,",
    "  is_current boolean NOT NULL DEFAULT true,",
    "  produced_at timestamptz NOT NULL,",
    "  created_at timestamptz NOT NULL DEFAULT now(),",
    "  CONSTRAINT document_sha_unique UNIQUE (patient_id, sha256)",
    ");",
    "",
    "CREATE INDEX IF NOT EXISTS document_patient_idx ON document (patient_id, produced_at);",
    "CREATE UNIQUE INDEX IF NOT EXISTS document_storage_key_idx ON document (storage_key) NULLS NOT DISTINCT;",
    "CREATE INDEX IF NOT EXISTS document_stay_idx ON document (stay_id NULLS LAST) INCLUDE (title);",
    "CREATE INDEX IF NOT EXISTS document_title_idx ON document ((lower(title)));",
    "ALTER TABLE document ADD COLUMN IF NOT EXISTS retained_until timestamptz;",
    "ALTER TABLE document ALTER COLUMN retained_until SET DEFAULT now();",
  );

  const seed = file(
    "-- 0004_default_settings.sql: DML only, so it runs in one transaction with its ledger row.",
    "INSERT INTO setting (key, value) VALUES",
    "  ('retention_days', '30'),",
    "  ('publishing', '{\"alerts\": true, \"allergies\": true}')",
    "ON CONFLICT (key) DO NOTHING;",
    "UPDATE setting SET value = '31' WHERE key = 'retention_days' AND value = '30';",
    "DELETE FROM setting WHERE key = 'obsolete';",
  );

  it("passes a realistic schema migration", () => {
    expect(lintMigration(schema, "0003_document.sql")).toEqual([]);
  });

  it("passes a DML-only seed migration", () => {
    expect(lintMigration(seed, "0004_default_settings.sql")).toEqual([]);
  });

  it("passes identity columns with CACHE 1 or CACHE >= 65536", () => {
    const sql = file(
      "CREATE TABLE IF NOT EXISTS purge_log (",
      "  id bigint GENERATED ALWAYS AS IDENTITY (CACHE 65536) PRIMARY KEY,",
      "  run bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 1 CACHE 1),",
      "  purged_at timestamptz NOT NULL",
      ");",
    );
    expect(lintMigration(sql, "0005_purge_log.sql")).toEqual([]);
  });

  it("passes SQL functions and plain views", () => {
    const sql = file(
      "CREATE OR REPLACE FUNCTION ward_label(code text, name text) RETURNS text",
      "  LANGUAGE sql IMMUTABLE AS $$ SELECT code || ' ' || name $$;",
      "CREATE OR REPLACE VIEW open_stay AS SELECT * FROM stay WHERE discharged_at IS NULL;",
      "CREATE OR REPLACE VIEW ward_rank AS",
      "  SELECT id, row_number() OVER (PARTITION BY facility_id ORDER BY code DESC) AS rank FROM ward;",
    );
    expect(lintMigration(sql, "0006_views.sql")).toEqual([]);
  });

  it("passes a file of comments only", () => {
    expect(lintMigration("-- Intentionally empty: the change moved to 0008.\n", "0007_empty.sql")).toEqual(
      [],
    );
  });
});

describe("lintMigration ignores forbidden words in comments, literals and names", () => {
  it("does not flag words inside comments", () => {
    const sql = file(
      "-- No TRUNCATE, SAVEPOINT, SERIAL, jsonb, text[] or CREATE EXTENSION here; BEGIN; COMMIT;",
      "/* CREATE TRIGGER t BEFORE INSERT ON stay; CREATE TYPE x AS ENUM ('a');",
      "   INSERT INTO stay VALUES (1); */",
      "CREATE TABLE IF NOT EXISTS ingest_message (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), -- not bigserial: uuids spread writes",
      "  source text NOT NULL, /* REFERENCES api_client (id) is enforced in code */",
      "  control_id text NOT NULL, -- MSH-10 or Bundle.id; PARTITION BY would not help",
      "  received_at timestamptz NOT NULL -- DESC order is chosen at query time",
      ");",
      "CREATE INDEX IF NOT EXISTS ingest_message_control_idx",
      "  ON ingest_message (source, control_id); -- ASYNC is added by the runner on DSQL",
    );
    expect(lintMigration(sql, "0008_ingest_message.sql")).toEqual([]);
  });

  it("does not flag words inside string literals and dollar quotes", () => {
    const sql = file(
      "INSERT INTO setting (key, value) VALUES",
      "  ('help', 'Never TRUNCATE; use DELETE. No SAVEPOINT, no BEGIN/COMMIT, no jsonb or text[] columns.'),",
      "  ('ddl', $$CREATE TEMP TABLE x (id serial REFERENCES y) PARTITION BY RANGE (id)$$),",
      "  ('escaped', E'it\\'s a CREATE INDEX CONCURRENTLY x ON y (z DESC)');",
    );
    expect(lintMigration(sql, "0009_help_text.sql")).toEqual([]);
  });

  it("does not flag columns whose names contain the words", () => {
    const sql = file(
      "CREATE TABLE IF NOT EXISTS launcher_device (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
      "  serial text NOT NULL,",
      "  serial_number text,",
      '  "jsonb" text,',
      "  array_position_hint bigint,",
      "  partition_label text,",
      "  references_count bigint,",
      "  collated_at timestamptz",
      ");",
    );
    expect(lintMigration(sql, "0010_launcher_device.sql")).toEqual([]);
  });

  it("does not take an array constructor or cast in a CHECK for an array column", () => {
    const sql = file(
      "CREATE TABLE IF NOT EXISTS stay (",
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
      "  status text NOT NULL CHECK (status = ANY (ARRAY['admitted', 'discharged'])),",
      "  kind text CHECK (kind = ANY ('{inpatient,daycase}'::text[]))",
      ");",
    );
    expect(lintMigration(sql, "0011_stay.sql")).toEqual([]);
  });
});

describe("formatLintViolations", () => {
  it("prints file:line rule: message, one per line", () => {
    const violations = lintMigration("-- purge\nTRUNCATE stay;", "0012_purge.sql");
    expect(formatLintViolations("0012_purge.sql", violations)).toBe(
      `0012_purge.sql:2 no-truncate: The file uses TRUNCATE. ${dsqlLintRules["no-truncate"]}`,
    );
  });
});
