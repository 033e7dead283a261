/**
 * Environment-level settings in `app_setting`: one row per key, the value as JSON text, with who
 * changed it last. Values are validated with zod when read back (the database is an edge too);
 * a missing or unreadable value falls back to the caller's default.
 */
import "server-only";
import type { z } from "zod";
import type { Queryable } from "@/lib/db/types";

export type SettingKey = "downtime" | "byod-policy" | "readiness-thresholds";

export async function readSetting<T>(
  db: Queryable,
  key: SettingKey,
  schema: z.ZodType<T>,
): Promise<T | null> {
  const { rows } = await db.query<{ setting_value: string }>(
    "SELECT setting_value FROM app_setting WHERE setting_key = $1",
    [key],
  );
  const text = rows[0]?.setting_value;
  if (text === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeSetting(
  tx: Queryable,
  key: SettingKey,
  value: unknown,
  updatedBy: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO app_setting (setting_key, setting_value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (setting_key) DO UPDATE
       SET setting_value = EXCLUDED.setting_value, updated_at = EXCLUDED.updated_at,
           updated_by = EXCLUDED.updated_by`,
    [key, JSON.stringify(value), now, updatedBy],
  );
}
