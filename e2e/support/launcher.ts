/** Signs a launch URL with the demo ward PC's key through the real launcher CLI (as a ward PC would). */
import { spawnSync } from "node:child_process";
import path from "node:path";

export const demoKey = path.join(process.env.E2E_DATA_DIR ?? ".data/e2e-3100", "DEMO-WARD-PC.private.pem");

export function launchUrl(baseURL: string, user = "clinician"): string {
  const result = spawnSync(
    process.execPath,
    [
      "launcher/downtime-launcher.mjs",
      "launch",
      "--device",
      "DEMO-WARD-PC",
      "--key",
      demoKey,
      "--app",
      baseURL,
      "--dry-run",
    ],
    { encoding: "utf8", env: { ...process.env, USERDOMAIN: "DEMO", DOWNTIME_LAUNCHER_USER: user } },
  );
  if (result.status !== 0) throw new Error(`launcher failed: ${result.stderr}`);
  return result.stdout.trim().split("\n").at(-1)!;
}

/** A TOTP code from Debian's oathtool (an independent implementation), optionally for a later step. */
export function oathtoolCode(secret: string, offsetSeconds = 0): string {
  const at = new Date(Date.now() + offsetSeconds * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\..*$/, " UTC");
  const result = spawnSync("oathtool", ["--totp", "-b", "-N", at, secret], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`oathtool failed: ${result.stderr}`);
  return result.stdout.trim();
}
