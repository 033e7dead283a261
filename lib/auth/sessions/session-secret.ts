/**
 * The secret Auth.js signs and encrypts session cookies with: AUTH_SECRET in every deployed
 * environment (env.ts requires it), and locally a random secret kept in the data folder so a
 * fresh clone needs no configuration and restarts keep people signed in.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "@/lib/env";

/** Local secrets by file: read once per process, not on every request. */
const localSecrets = new Map<string, string>();

export function sessionSecret(config: Config): string {
  if (config.authSecret) return config.authSecret;
  if (config.appEnv !== "local" && config.appEnv !== "build") throw new Error("AUTH_SECRET is required");
  const file = path.join(config.dataDir, "local-auth-secret");
  let secret = localSecrets.get(file);
  if (secret === undefined) {
    secret = readOrCreateLocalSecret(file);
    localSecrets.set(file, secret);
  }
  return secret;
}

function readOrCreateLocalSecret(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return readFileSync(file, "utf8").trim();
  }
}
