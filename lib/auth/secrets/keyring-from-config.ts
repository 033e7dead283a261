/**
 * Builds the data-encryption keyring from configuration.
 *
 * - DATA_ENCRYPTION_KEY: the current key, 32 random bytes base64 (`openssl rand -base64 32`).
 * - DATA_ENCRYPTION_KEY_ID (optional, default "k1"): its id, written into every new value.
 * - DATA_ENCRYPTION_KEYS_PREVIOUS (optional): retired keys that must still decrypt older rows,
 *   comma-separated `id:base64`, e.g. "k0:AbC...=,kx:Zy9...=". To rotate: move the current key
 *   into PREVIOUS under its id, set a new key with a new id, deploy, run the re-encryption job
 *   (`reencrypt`), then drop the old key.
 *
 * LOCAL ONLY: with no DATA_ENCRYPTION_KEY in APP_ENV=local or build, a random key is created on
 * first use in `<dataDir>/local-encryption-key` (mode 0600) and reused after, so a developer's
 * enrolments survive restarts. lib/env.ts already refuses to start any other environment without
 * DATA_ENCRYPTION_KEY; this function refuses too, so the file key can never protect real data.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AppEnvironment } from "@/lib/env";
import type { Keyring } from "./secret-box";

export interface KeyringConfig {
  appEnv: AppEnvironment;
  dataDir: string;
  dataEncryptionKey?: string;
  dataEncryptionKeyId?: string;
  dataEncryptionKeysPrevious?: string;
}

export const localKeyId = "local";
const base64Key = /^[A-Za-z0-9+/]{43}=$/;

function decodeKey(name: string, value: string): Buffer {
  if (!base64Key.test(value)) throw new Error(`${name}: expected 32 random bytes, base64`);
  return Buffer.from(value, "base64");
}

function parsePrevious(list: string | undefined): Record<string, Buffer> {
  const keys: Record<string, Buffer> = {};
  for (const entry of (list ?? "").split(",").map((item) => item.trim())) {
    if (!entry) continue;
    const colon = entry.indexOf(":");
    const id = entry.slice(0, colon);
    if (colon < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new Error("DATA_ENCRYPTION_KEYS_PREVIOUS: expected id:base64[,id:base64...]");
    }
    keys[id] = decodeKey(`DATA_ENCRYPTION_KEYS_PREVIOUS (${id})`, entry.slice(colon + 1));
  }
  return keys;
}

/** Reads, or creates once with 0600 permissions, the local developer key file. */
function localFileKey(dataDir: string): Buffer {
  const file = path.join(dataDir, "local-encryption-key");
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx" fails if the file exists, so two processes starting together cannot both write one.
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return decodeKey(file, readFileSync(file, "utf8").trim());
}

export function keyringFromConfig(config: KeyringConfig): Keyring {
  const previous = parsePrevious(config.dataEncryptionKeysPrevious);
  if (config.dataEncryptionKey) {
    const currentKeyId = config.dataEncryptionKeyId ?? "k1";
    const current = decodeKey("DATA_ENCRYPTION_KEY", config.dataEncryptionKey);
    return { currentKeyId, keys: { ...previous, [currentKeyId]: current } };
  }
  if (config.appEnv !== "local" && config.appEnv !== "build") {
    throw new Error(`DATA_ENCRYPTION_KEY is required when APP_ENV=${config.appEnv}`);
  }
  return { currentKeyId: localKeyId, keys: { ...previous, [localKeyId]: localFileKey(config.dataDir) } };
}
