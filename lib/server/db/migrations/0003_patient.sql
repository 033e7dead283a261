-- A patient as known to one facility's PAS. Identifiers and core demographics are always
-- published; optional fields (alerts, allergies, next of kin, ...) are kept as JSON text in
-- `published`, holding only what the facility's publishing rules allow. `demographics_at` is the
-- event time of the demographics held, so an older message never overwrites newer details.
CREATE TABLE IF NOT EXISTS patient (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id uuid NOT NULL,
  mrn text NOT NULL,
  nhs_number text,
  family_name text NOT NULL,
  given_names text,
  title text,
  birth_date date,
  sex text,
  published text NOT NULL DEFAULT '{}',
  demographics_at timestamptz NOT NULL,
  merged_into uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT patient_facility_mrn_unique UNIQUE (facility_id, mrn)
);

CREATE INDEX IF NOT EXISTS patient_nhs_number_idx ON patient (nhs_number);
