-- Storage held per facility per day (UTC), written by every purge run after it finishes
-- (lib/retention/storage-history.ts): one row per (facility, day), so a second run on the same
-- day replaces that day's figures with the later ones. `bytes` and `documents` are the document
-- rows held at `measured_at` (document.bytes as recorded at ingest). No patient data. The
-- console's storage page draws it and bills from it (GB-months, docs/design.md section 5).
CREATE TABLE IF NOT EXISTS storage_daily (
  facility_id uuid NOT NULL,
  day date NOT NULL,
  bytes bigint NOT NULL,
  documents integer NOT NULL,
  measured_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (facility_id, day)
);

-- The console's downtime history reads declarations and ends from the audit log by action.
CREATE INDEX IF NOT EXISTS audit_event_action_idx ON audit_event (action, occurred_at);
