-- The FHIR Patient resource ids each sender has used, and the patient each named (facility code and
-- census MRN), so a later Encounter whose subject is only "Patient/<id>" finds its patient. Holds an
-- MRN, so it is patient data: the purge deletes a patient's rows with the patient.
CREATE TABLE IF NOT EXISTS fhir_patient_ref (
  source text NOT NULL,
  resource_id text NOT NULL,
  facility_code text NOT NULL,
  mrn text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, resource_id)
);

CREATE INDEX IF NOT EXISTS fhir_patient_ref_patient_idx ON fhir_patient_ref (facility_code, mrn);
