-- A stay (encounter / visit), identified by the facility's visit number (PV1-19). Its columns
-- are derived by folding its events (stay_event); `history` is the folded movement history as
-- JSON text. `updated_at` moves on every change and feeds incremental sync.
CREATE TABLE IF NOT EXISTS stay (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  visit_number text NOT NULL,
  status text NOT NULL,
  patient_class text,
  ward_id uuid,
  room text,
  bed text,
  consultant text,
  specialty text,
  admitted_at timestamptz,
  discharged_at timestamptz,
  last_event_at timestamptz NOT NULL,
  history text NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stay_facility_visit_unique UNIQUE (facility_id, visit_number)
);

CREATE INDEX IF NOT EXISTS stay_ward_status_idx ON stay (ward_id, status);

CREATE INDEX IF NOT EXISTS stay_patient_idx ON stay (patient_id);

CREATE INDEX IF NOT EXISTS stay_updated_idx ON stay (updated_at);

CREATE INDEX IF NOT EXISTS stay_status_discharged_idx ON stay (status, discharged_at);

CREATE INDEX IF NOT EXISTS stay_last_event_idx ON stay (last_event_at);
