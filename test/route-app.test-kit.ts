/**
 * Route-handler tests call the real Next.js route functions in-process against a fresh embedded
 * app (PGlite in a temp folder, file store, demo hospital), configured through the environment
 * exactly as `npm start` is. Call `startTestApp()` before importing any route module.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function startTestApp(extraEnv: Record<string, string> = {}): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), "downtime-app-"));
  Object.assign(process.env, {
    APP_ENV: "local",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    DSQL_ENDPOINT: "",
    STORAGE_KIND: "files",
    DEMO_DATA: "true",
    // A small census keeps each route test's start-up quick; the full demo is ~2,000 messages.
    DEMO_INPATIENTS: "20",
    ...extraEnv,
  });
  return dataDir;
}
