-- Merges still moving rows (lib/census/patient-merge.ts). A merge (A40/A34, FHIR) sets the prior
-- patient's merge pointer and moves a first batch of its stays, documents and pointers in the
-- message's own transaction; when more remain, this row records the merge and later transactions
-- move the rest in batches within Aurora DSQL's 3,000-row limit, deleting the row with the last
-- batch. Moves are keyed by the prior patient's id, so a run interrupted between batches simply
-- continues. Holds no patient data: two ids and when the merge started.
CREATE TABLE IF NOT EXISTS patient_merge (
  prior_id uuid PRIMARY KEY,
  survivor_id uuid NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now()
);
