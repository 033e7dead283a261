-- Search keys of the patient's names (lib/adt/name-search-key.ts): Unicode case-folded and
-- accent-stripped in the app, because Aurora DSQL supports only the C collation, where lower()
-- folds ASCII only and ORDER BY compares bytes. Search matches and sorts on these, never on
-- lower(family_name). Written with the names on every upsert; rows written before this migration
-- are filled by the re-runnable backfill in lib/server/db/backfills.ts (readers fall back to
-- lower(family_name) until then). NULL given_names_key: no given names.
ALTER TABLE patient ADD COLUMN family_name_key text;

ALTER TABLE patient ADD COLUMN given_names_key text;

CREATE INDEX IF NOT EXISTS patient_family_name_key_idx ON patient (family_name_key, given_names_key);
