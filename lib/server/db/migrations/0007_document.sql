-- Downtime documents (MAR, care plan, observations...) produced by the EPR. The bytes live in
-- the document store under `storage_key` (built from internal ids only); `external_id` is the
-- sender's document id, so a newer version replaces the older one.
CREATE TABLE IF NOT EXISTS document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  stay_id uuid,
  external_id text NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  content_type text NOT NULL,
  bytes bigint NOT NULL,
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  produced_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT document_patient_external_unique UNIQUE (patient_id, external_id)
);

CREATE INDEX IF NOT EXISTS document_facility_idx ON document (facility_id);
