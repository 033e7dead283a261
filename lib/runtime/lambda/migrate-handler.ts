/**
 * Deploy-time migration job (a CDK trigger runs it on every deploy that changes it: infra/lib/jobs.ts).
 * Connects as the DSQL admin role (DSQL_USER=admin, dsql:DbConnectAdmin, granted to this function
 * alone), applies pending migrations exactly as `npm run migrate` does, then makes sure the app's
 * non-admin role exists, is mapped to the server function's IAM role, and may use every table.
 * The connection is closed before returning: admin sessions are not kept in a warm instance.
 */
import { z } from "zod";
import type { Database } from "@/lib/db/types";
import { getConfig } from "@/lib/env";
import { log } from "@/lib/log";
import { type AppRoleResult, ensureAppRole } from "@/lib/server/db/app-role";
import { createDatabase } from "@/lib/server/db/create-database";
import { runMigrations } from "@/lib/server/db/migrate";

const jobEnv = z.object({
  APP_DATABASE_ROLE: z.string().min(1),
  APP_IAM_ROLE_ARN: z.string().optional(),
});

export interface MigrationRun {
  applied: string[];
  appRole: AppRoleResult;
}

export async function migrate(
  db: Database,
  appRole: { role: string; iamRoleArn?: string },
): Promise<MigrationRun> {
  const applied = await runMigrations(db);
  const result = await ensureAppRole(db, appRole);
  log.info("migrations.deployed", { applied: applied.length, tablesGranted: result.tablesGranted });
  return { applied, appRole: result };
}

export async function handler(): Promise<MigrationRun> {
  const env = jobEnv.parse(process.env);
  const db = await createDatabase(getConfig().database);
  try {
    return await migrate(db, { role: env.APP_DATABASE_ROLE, iamRoleArn: env.APP_IAM_ROLE_ARN || undefined });
  } finally {
    await db.close();
  }
}
