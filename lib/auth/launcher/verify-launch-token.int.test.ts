/** Launcher tokens that must be accepted: from our CLI, from openssl, and Ed25519; on every database. */
import { spawnSync } from "node:child_process";
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { registerDevice } from "./devices";
import {
  audience,
  compactJws,
  eddsaSigner,
  expectedLauncherUser,
  launchClaims,
  launcherScript,
  opensslSigner,
  tokenFromLauncher,
} from "./launch-token.test-kit";
import { deleteExpiredJtis } from "./launcher-jti";
import { verifyLaunchToken } from "./verify-launch-token";

const by = { username: "rxd\\admin" };
const options = { audience };

for (const target of await reachableDatabases()) {
  describe(`verifyLaunchToken accepts genuine tokens on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let dir: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      dir = mkdtempSync(join(tmpdir(), "launcher-"));
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await drop();
    });

    it("verifies a token from the launcher CLI, carried only in the URL fragment", async () => {
      const keygen = spawnSync(
        process.execPath,
        [launcherScript, "keygen", "--device", "WARDPC-OAK-01", "--out", dir],
        {
          encoding: "utf8",
        },
      );
      expect(keygen.status).toBe(0);
      const keyFile = join(dir, "WARDPC-OAK-01.private.pem");
      if (process.platform !== "win32") expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const publicJwk = JSON.parse(keygen.stdout) as Record<string, unknown>;
      expect(publicJwk).toMatchObject({
        kty: "EC",
        crv: "P-256",
        kid: "WARDPC-OAK-01",
        alg: "ES256",
        use: "sig",
      });
      expect(publicJwk).not.toHaveProperty("d");
      await registerDevice(db, {
        id: "WARDPC-OAK-01",
        name: "Oak desk",
        location: "Oak ward",
        publicJwk,
        by,
      });

      const { url, token } = tokenFromLauncher("WARDPC-OAK-01", keyFile);
      expect(url.pathname).toBe("/launch");
      expect(url.search).toBe("");
      expect(await verifyLaunchToken(db, token, options)).toEqual({
        ok: true,
        username: expectedLauncherUser(),
        // As the launcher signed it (DOMAIN\user from Windows, any case), for the look-alike screen.
        subject: expect.stringMatching(/\\/),
        deviceId: "WARDPC-OAK-01",
        jti: expect.any(String),
      });
    });

    it("verifies an ES256 token signed by openssl, not by our code", async () => {
      const keyFile = join(dir, "openssl.pem");
      const gen = spawnSync("openssl", [
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        keyFile,
      ]);
      expect(gen.status).toBe(0);
      const publicJwk = createPublicKey(readFileSync(keyFile)).export({ format: "jwk" });
      await registerDevice(db, {
        id: "WARDPC-ELM-02",
        name: "Elm desk",
        location: "Elm ward",
        publicJwk,
        by,
      });
      const now = new Date();
      const token = compactJws(
        { alg: "ES256", typ: "JWT", kid: "WARDPC-ELM-02" },
        launchClaims("WARDPC-ELM-02", now, { sub: "RXD\\J.Bloggs" }),
        opensslSigner(keyFile),
      );
      expect(await verifyLaunchToken(db, token, { ...options, now })).toMatchObject({
        ok: true,
        username: "rxd\\j.bloggs",
        deviceId: "WARDPC-ELM-02",
      });
    });

    it("verifies an EdDSA token from an Ed25519 device key", async () => {
      const { privateKey, publicKey } = generateKeyPairSync("ed25519");
      const publicJwk = publicKey.export({ format: "jwk" });
      await registerDevice(db, {
        id: "WARDPC-ASH-03",
        name: "Ash desk",
        location: "Ash ward",
        publicJwk,
        by,
      });
      const now = new Date();
      const header = { alg: "EdDSA", typ: "JWT", kid: "WARDPC-ASH-03" };
      const token = compactJws(header, launchClaims("WARDPC-ASH-03", now), eddsaSigner(privateKey));
      const withSlash = { audience: `${audience}/`, now };
      expect(await verifyLaunchToken(db, token, withSlash)).toMatchObject({ ok: true });
    });

    it("deletes used token ids once they have expired, and only those", async () => {
      const now = new Date();
      await db.query("DELETE FROM launcher_jti");
      await db.query(
        "INSERT INTO launcher_jti (jti, device_id, expires_at) VALUES ($1, $2, $3), ($4, $2, $5)",
        ["old", "WARDPC-OAK-01", new Date(now.getTime() - 1_000), "live", new Date(now.getTime() + 60_000)],
      );
      expect(await deleteExpiredJtis(db, now, 1)).toBe(1);
      const left = await db.query<{ jti: string }>("SELECT jti FROM launcher_jti");
      expect(left.rows.map((row) => row.jti)).toEqual(["live"]);
    });
  });
}
