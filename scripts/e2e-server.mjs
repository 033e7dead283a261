#!/usr/bin/env node
// Serves the built app for the e2e suite on a fresh embedded database and file store, so every
// run starts from the same demo hospital. Run `next build` first (npm run test:e2e does).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.argv[2] ?? "3100";
const dataDir = process.argv[3] ?? path.join(root, ".data", `e2e-${port}`);
rmSync(dataDir, { recursive: true, force: true });
const env = {
  ...process.env,
  APP_ENV: "local",
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  DSQL_ENDPOINT: "",
  STORAGE_KIND: "files",
  // Not the default (15), so the e2e shows the setting reaches the screens.
  FRESHNESS_AMBER_MINUTES: "10",
  // Longer than a whole suite run, so a spec that posted with the demo key early never makes a
  // later one see a silent feed; e2e/admin-integration.desktop.spec.ts sets its own source's
  // threshold to 1 minute in the console.
  FEED_SILENCE_MINUTES: "240",
  // Every e2e sign-in comes from 127.0.0.1: repeated runs (--repeat-each) must not trip the
  // per-address limit that the unit tests cover.
  SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE: "1000",
};
const server = spawn(
  process.execPath,
  [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", port],
  {
    cwd: root,
    env,
    stdio: "inherit",
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
