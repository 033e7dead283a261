-- What the sync feed sent to each session, so a device's report of reads from its offline copy
-- (POST /api/audit/offline) can be checked against what that copy could hold. One row per
-- (session, patient), updated by each later send: `first_sent_at` is the first send to that
-- session, `sent_at` the latest, `expires_at` how long the copy may show the patient (the
-- offline TTL, pushed on while later syncs keep the patient in the copy). `user_id` and
-- `device_id` are the session's, so a report is believed only from the same user and device.
-- Internal ids and times only; the purge deletes a patient's rows with the patient, and rows
-- go once their copy has been expired long enough that no report can still arrive.
CREATE TABLE IF NOT EXISTS sync_ledger (
  session_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  user_id uuid NOT NULL,
  device_id text,
  ward_id uuid,
  first_sent_at timestamptz NOT NULL,
  sent_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (session_id, patient_id)
);

CREATE INDEX IF NOT EXISTS sync_ledger_patient_idx ON sync_ledger (patient_id);

CREATE INDEX IF NOT EXISTS sync_ledger_expiry_idx ON sync_ledger (expires_at);
