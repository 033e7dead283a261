-- What a purge keeps of each patient row it removed, for information governance: the old internal
-- id (audit rows keep it) and keyed hashes (HMAC-SHA256 with the tombstone key,
-- lib/retention/purged-patients.ts) of its MRN and NHS number, so "who accessed NHS number X" still
-- finds the audit rows after the patient is gone, without the identifiers being stored. Written in
-- the purge's final transaction; holds no patient identifier.
CREATE TABLE IF NOT EXISTS purged_patient (
  patient_id uuid PRIMARY KEY,
  facility_id uuid NOT NULL,
  mrn_hash text NOT NULL,
  nhs_number_hash text,
  purged_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS purged_patient_mrn_idx ON purged_patient (mrn_hash);

CREATE INDEX IF NOT EXISTS purged_patient_nhs_number_idx ON purged_patient (nhs_number_hash);

-- The readiness dashboard counts recent sign-ins (users in 30 days, ward PCs in 24 hours) by time.
CREATE INDEX IF NOT EXISTS auth_session_created_idx ON auth_session (created_at);

-- IG reports by kind of event over a date range (lib/audit/ig-reports.ts) use
-- audit_event_action_idx (action, occurred_at), created by 0029.
