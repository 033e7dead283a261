-- The audit log: append-only (no code path updates or deletes it). Who (user id and username as
-- they were), what (action), which patient (internal id only), when, how (launcher device or
-- BYOD), from where (IP, user agent). `occurred_at` is when it happened (offline reads upload
-- later), `recorded_at` when it reached the server.
CREATE TABLE IF NOT EXISTS audit_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  outcome text NOT NULL,
  user_id uuid,
  username text,
  session_id uuid,
  method text,
  device_id text,
  patient_id uuid,
  ward_id uuid,
  document_id uuid,
  break_glass boolean NOT NULL DEFAULT false,
  offline boolean NOT NULL DEFAULT false,
  reason text,
  ip text,
  user_agent text,
  detail text NOT NULL DEFAULT '{}'
);

CREATE INDEX IF NOT EXISTS audit_event_patient_idx ON audit_event (patient_id, occurred_at);

CREATE INDEX IF NOT EXISTS audit_event_user_idx ON audit_event (user_id, occurred_at);

CREATE INDEX IF NOT EXISTS audit_event_time_idx ON audit_event (occurred_at);
