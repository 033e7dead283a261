#!/usr/bin/env node
// `npm run infra:synth`: synthesises every environment's stacks (infra/bin/downtime.ts) into
// infra/cdk.out/, with cdk-nag, offline: no notices, version check or telemetry calls, and no
// context lookups in the app. Needs `npm run build:aws` first (the functions are its output).
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const result = spawnSync(
  path.join(root, "node_modules", ".bin", "cdk"),
  [
    "synth",
    "--app",
    "npx tsx infra/bin/downtime.ts",
    "--output",
    "infra/cdk.out",
    "--no-notices",
    "--no-version-reporting",
    "--quiet",
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: "1", CDK_DISABLE_CLI_TELEMETRY: "true" },
  },
);
process.exit(result.status ?? 1);
