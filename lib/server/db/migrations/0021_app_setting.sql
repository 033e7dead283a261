-- Environment-level settings as JSON text by key: "downtime" (declared or not, by whom, since
-- when) and "byod-policy" (phones always, or only during declared downtime).
CREATE TABLE IF NOT EXISTS app_setting (
  setting_key text PRIMARY KEY,
  setting_value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);
