/**
 * The database role the deployed app connects as: not `admin`, so the app's IAM role needs only
 * dsql:DbConnect and cannot change the schema (infra/lib/database.ts). Run by the migration job as
 * admin after the migrations, every deploy, so tables a new migration adds are granted too.
 * On Aurora DSQL the role is also mapped to the app's IAM role (AWS IAM GRANT); on PostgreSQL
 * (tests, other shapes) that step is skipped.
 */
import type { Database } from "@/lib/db/types";

const roleName = /^[a-z_][a-z0-9_]{0,62}$/;
const iamRoleArn = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

export interface AppRoleOptions {
  role: string;
  /** DSQL: the IAM role whose token logs in as `role`. */
  iamRoleArn?: string;
}

export interface AppRoleResult {
  created: boolean;
  tablesGranted: number;
  iamMapped: boolean;
}

export async function ensureAppRole(db: Database, options: AppRoleOptions): Promise<AppRoleResult> {
  const { role } = options;
  // Identifiers cannot be bound as parameters: validate, then quote.
  if (!roleName.test(role) || role === "admin") throw new Error(`Not a usable app database role: ${role}`);
  if (options.iamRoleArn !== undefined && !iamRoleArn.test(options.iamRoleArn)) {
    throw new Error("APP_IAM_ROLE_ARN is not an IAM role ARN");
  }
  const existing = await db.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  const created = existing.rows.length === 0;
  if (created) await db.query(`CREATE ROLE "${role}" WITH LOGIN`);
  let iamMapped = false;
  if (options.iamRoleArn) {
    try {
      await db.query(`AWS IAM GRANT "${role}" TO '${options.iamRoleArn}'`);
    } catch (error) {
      // Already mapped by an earlier deploy.
      if (!/already/i.test((error as Error).message)) throw error;
    }
    iamMapped = true;
  }
  await db.query(`GRANT USAGE ON SCHEMA public TO "${role}"`);
  const tables = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  for (const { tablename } of tables.rows) {
    await db.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON "${tablename.replaceAll('"', '""')}" TO "${role}"`,
    );
  }
  return { created, tablesGranted: tables.rows.length, iamMapped };
}
