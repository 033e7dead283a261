/**
 * Debian's Chromium for the browser benchmarks, headless with nothing running in the background
 * (no component updates, sync or network prefetching to disturb the figures). Launched directly
 * with a DevTools port for Lighthouse, so the bench depends only on lighthouse itself, not on its
 * transitive chrome-launcher.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromiumArgs } from "../chromium-flags";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface DevtoolsChromium {
  port: number;
  stop(): Promise<void>;
}

/** Starts headless Chromium with a fresh profile and waits for its DevTools port to be announced. */
export async function launchDevtoolsChromium(): Promise<DevtoolsChromium> {
  const profile = mkdtempSync(path.join(tmpdir(), "downtime-bench-chromium-"));
  const child = spawn(
    chromiumPath,
    [...chromiumArgs, "--headless", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (match) {
        child.stderr.off("data", onData);
        child.stderr.resume(); // keep draining so Chromium never blocks on a full pipe
        resolve(Number(match[1]));
      }
    };
    child.stderr.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`chromium exited (${code}) before DevTools was up: ${seen}`)),
    );
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          // Chromium helper processes may still be writing the profile for a moment after exit.
          rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      }),
  };
}
