-- Ward scope: the wards a user may see, and facilities whose every ward they may see.
CREATE TABLE IF NOT EXISTS user_ward_access (
  user_id uuid NOT NULL,
  ward_id uuid NOT NULL,
  PRIMARY KEY (user_id, ward_id)
);

CREATE TABLE IF NOT EXISTS user_facility_access (
  user_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  PRIMARY KEY (user_id, facility_id)
);
