/** Builds keyrings from configuration; the local key file is real file I/O in a temp dir. */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { keyringFromConfig } from "./keyring-from-config";
import { decryptSecret, encryptSecret } from "./secret-box";

const dir = mkdtempSync(path.join(tmpdir(), "downtime-keyring-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keyA = Buffer.alloc(32, 1).toString("base64");
const keyB = Buffer.alloc(32, 2).toString("base64");

describe("keyringFromConfig", () => {
  it("uses DATA_ENCRYPTION_KEY as k1 and keeps previous keys for decryption", () => {
    const ring = keyringFromConfig({
      appEnv: "prod",
      dataDir: dir,
      dataEncryptionKey: keyB,
      dataEncryptionKeysPrevious: ` k0:${keyA} `,
    });
    expect(ring.currentKeyId).toBe("k1");
    expect(Object.keys(ring.keys).sort()).toEqual(["k0", "k1"]);
    const old = encryptSecret({ currentKeyId: "k0", keys: { k0: Buffer.alloc(32, 1) } }, "s");
    expect(decryptSecret(ring, old)).toBe("s");
  });

  it("honours an explicit current key id", () => {
    const ring = keyringFromConfig({
      appEnv: "cert",
      dataDir: dir,
      dataEncryptionKey: keyA,
      dataEncryptionKeyId: "k7",
    });
    expect(ring.currentKeyId).toBe("k7");
  });

  it("refuses bad key lists and missing keys outside local and build", () => {
    expect(() => keyringFromConfig({ appEnv: "prod", dataDir: dir })).toThrow(/required when APP_ENV=prod/);
    expect(() =>
      keyringFromConfig({ appEnv: "local", dataDir: dir, dataEncryptionKeysPrevious: "nocolon" }),
    ).toThrow(/DATA_ENCRYPTION_KEYS_PREVIOUS/);
    expect(() =>
      keyringFromConfig({ appEnv: "local", dataDir: dir, dataEncryptionKeysPrevious: "k0:short" }),
    ).toThrow(/32 random bytes/);
  });

  it("in local, creates a 0600 key file once and reuses it", () => {
    const first = keyringFromConfig({ appEnv: "local", dataDir: path.join(dir, "data") });
    const file = path.join(dir, "data", "local-encryption-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.currentKeyId).toBe("local");
    const second = keyringFromConfig({ appEnv: "local", dataDir: path.join(dir, "data") });
    expect(second.keys.local!.equals(first.keys.local!)).toBe(true);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
  });
});
