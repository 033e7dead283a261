-- Which PID-3 assigning authorities (CX-4.1 namespace or CX-4.2 universal id) are this feed's MRN,
-- most preferred first, as a JSON array of strings in text (DSQL has no array columns). NULL means
-- the default rule: the first identifier of type MR/PI/PT, else the first that is not an NHS number.
ALTER TABLE api_client ADD COLUMN mrn_authorities text;
