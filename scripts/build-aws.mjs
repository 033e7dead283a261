#!/usr/bin/env node
// `npm run build:aws`: the OpenNext build for AWS Lambda (open-next.config.ts), offline. It runs the
// pinned builder from node_modules (never npx), tells npm it is offline so nothing can be fetched,
// and fails if the embedded database reached the server function (it must run on DSQL only).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const serverFunction = path.join(root, ".open-next", "server-functions", "default");
const forbidden = ["@electric-sql/pglite", "sharp"];

const result = spawnSync(path.join(root, "node_modules", ".bin", "open-next"), ["build"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    DOWNTIME_BUILD_TARGET: "aws",
    NEXT_TELEMETRY_DISABLED: "1",
    npm_config_offline: "true",
  },
});
if (result.status !== 0) process.exit(result.status ?? 1);

// next.config.ts leaves PGlite out of every route's traced files, but Next.js traces
// instrumentation.ts (which reaches the adapter selection) without applying those excludes, so
// OpenNext copies it in through that trace. It is only ever loaded for DATABASE_KIND=embedded.
rmSync(path.join(serverFunction, "node_modules", "@electric-sql", "pglite"), {
  recursive: true,
  force: true,
});
rmSync(path.join(serverFunction, ".next", "node_modules", "@electric-sql"), { recursive: true, force: true });

function packagesIn(dir) {
  const modules = path.join(dir, "node_modules");
  if (!existsSync(modules)) return [];
  return readdirSync(modules).flatMap((name) =>
    name.startsWith("@") ? readdirSync(path.join(modules, name)).map((child) => `${name}/${child}`) : [name],
  );
}

const leaked = packagesIn(serverFunction).filter((name) => forbidden.includes(name));
if (leaked.length > 0) {
  console.error(`The server function must not contain ${leaked.join(", ")} (see open-next.config.ts).`);
  process.exit(1);
}
console.log(`Server function: ${path.relative(root, serverFunction)} (no ${forbidden.join(", ")}).`);

// The scheduled and deploy-time functions (infra/lib/jobs.ts), one bundle each. Lambda runs them
// with /var/task as the working directory, where the migration runner looks for its SQL files.
const jobs = { purge: "purge-handler", "feed-check": "feed-check-handler", migrate: "migrate-handler" };
for (const [name, entry] of Object.entries(jobs)) {
  const outdir = path.join(root, ".open-next", "jobs", name);
  await build({
    entryPoints: [path.join(root, "lib", "runtime", "lambda", `${entry}.ts`)],
    outfile: path.join(outdir, "index.mjs"),
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    minify: true,
    sourcemap: true,
    // "server-only" resolves to its empty server build, as under `tsx --conditions=react-server`.
    conditions: ["react-server"],
    // The embedded adapter is never selected on Lambda (DSQL only); pg-native is optional in pg.
    external: ["@electric-sql/pglite", "pg-native"],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
  cpSync(
    path.join(root, "lib", "server", "db", "migrations"),
    path.join(outdir, "lib", "server", "db", "migrations"),
    {
      recursive: true,
    },
  );
  console.log(`Job function: .open-next/jobs/${name}`);
}
