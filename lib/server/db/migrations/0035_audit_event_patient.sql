-- The patients an audit event lists, when one event covers many (lib/audit/listed-patients.ts): a
-- ward list shown on screen (`ward.view`) and a background sync round that put patients on a device
-- (`patient.sync`). One row per (event, patient), written in the transaction of the event or of a
-- later page of the same sync round, so "who accessed patient X" finds list events by patient.
-- `occurred_at` and `action` repeat the event's, so the patient report filters here before joining.
-- Append-only like audit_event; no foreign key (DSQL), the pairing is kept by the code and tested.
CREATE TABLE IF NOT EXISTS audit_event_patient (
  audit_event_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  action text NOT NULL,
  PRIMARY KEY (audit_event_id, patient_id)
);

CREATE INDEX IF NOT EXISTS audit_event_patient_patient_idx ON audit_event_patient (patient_id, occurred_at);
