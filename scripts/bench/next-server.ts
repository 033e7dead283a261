/** Starts the built app as `next start` on a free port with the given environment, for the benchmark. */
import { type ChildProcess, type StdioOptions, spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/**
 * Builds the app if there is no build, and the service worker if it is missing or older than the
 * build (scripts/build-sw.mjs is `npm run build`'s postbuild step; a worker from an earlier build
 * would precache chunks that no longer exist and fail to install). Build output goes to stderr:
 * stdout is the benchmark's JSON.
 */
export function ensureBuilt() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const worker = path.join(root, "public", "sw.js");
  const stdio: StdioOptions = ["ignore", 2, 2]; // fd 2: stderr
  if (!existsSync(buildId)) {
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio });
    if (build.status !== 0) throw new Error("next build failed");
  }
  if (!existsSync(worker) || statSync(worker).mtimeMs < statSync(buildId).mtimeMs) {
    const sw = spawnSync(process.execPath, [path.join(root, "scripts", "build-sw.mjs")], {
      cwd: root,
      stdio,
    });
    if (sw.status !== 0) throw new Error("building the service worker failed");
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface RunningServer {
  origin: string;
  stop(): Promise<void>;
}

export async function startNextServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  // BENCH_CPU_PROFILE=<dir>: the app server writes a V8 CPU profile there when it stops (for
  // Chrome DevTools or speedscope), to see where a benchmark's server time goes.
  const profile = process.env.BENCH_CPU_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, nextBin, "start", "-H", "127.0.0.1", "-p", String(port)],
    {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the app did not become healthy");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
