/**
 * A stage whose figures come from a separate script that prints one JSON object on stdout (the
 * zipped Lambda server size: scripts/aws-bundle-size.ts). Skipped, not failed, when the script is
 * not in this checkout; a script that fails or prints no JSON fails the stage with its stderr tail.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { StageSkipped } from "./stage-runner";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The last line of `stdout` that parses as a JSON object, or the whole text when it does. */
export function lastJsonObject(stdout: string): Record<string, unknown> | null {
  const candidates = [stdout, ...stdout.split("\n").reverse()];
  for (const text of candidates) {
    try {
      const parsed: unknown = JSON.parse(text.trim());
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // not JSON
    }
  }
  return null;
}

export function externalJsonStage(script: string, timeoutMs = 15 * 60_000): () => Promise<unknown> {
  return async () => {
    const file = path.join(root, script);
    if (!existsSync(file)) throw new StageSkipped(`${script} is not in this checkout`);
    const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
    const run = spawnSync(process.execPath, [tsx, file], {
      cwd: root,
      encoding: "utf8",
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const json = lastJsonObject(run.stdout ?? "");
    if (run.status !== 0 || !json)
      throw new Error(
        `${script} exited ${run.status ?? run.signal}${json ? "" : " without printing JSON"}: ${(run.stderr ?? "").slice(-800)}`,
      );
    return json;
  };
}
