-- Merge pointers are looked up by the patient they point at (purge, merges that chain).
CREATE INDEX IF NOT EXISTS patient_merged_into_idx ON patient (merged_into);
