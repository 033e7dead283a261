/**
 * What the console's Ward PCs section relies on, on every database: the registration errors an
 * admin sees (private key, wrong curve or key type, duplicate id), editing name and location with
 * before and after in the audit, and "last seen" recorded on an accepted token at most once per
 * few minutes.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launcherSignIn } from "@/lib/auth/sign-in/launcher-sign-in";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { lastSeenPrecisionMs, noteDeviceSeen } from "./device-last-seen";
import {
  findDevice,
  listDevices,
  listDevicesPage,
  registerDevice,
  revokeDevice,
  updateDeviceDetails,
} from "./devices";
import { audience, compactJws, es256Signer, launchClaims, newP256 } from "./launch-token.test-kit";

const by = { userId: "00000000-0000-4000-8000-000000000001", username: "rxd\\admin" };
const t0 = new Date("2026-11-20T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

for (const target of await reachableDatabases()) {
  describe(`ward PCs in the console on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => ({ db, drop } = await target.create()));
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of ["launcher_device", "launcher_jti", "audit_event", "auth_session", "staff_user"]) {
        await db.query(`DELETE FROM ${table}`);
      }
    });
    const register = (id: string, publicJwk: unknown) =>
      registerDevice(db, { id, name: "Oak desk", location: "Oak ward", publicJwk, by });

    it("refuses a private key, another curve, another key type and a used id, each with its own message", async () => {
      const p256 = newP256();
      const privateJwk = p256.privateKey.export({ format: "jwk" });
      await expect(register("PC-1", privateJwk)).rejects.toThrow(/This is a private key/);
      const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey.export({ format: "jwk" });
      await expect(register("PC-1", p384)).rejects.toThrow(/EC P-256 or Ed25519 JWK \(crv:/);
      const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
      await expect(register("PC-1", rsa)).rejects.toThrow(/EC P-256 or Ed25519 JWK \(kty:/);
      await expect(register("PC-1", "{not json")).rejects.toThrow(/not valid JSON/);
      expect(await listDevices(db)).toEqual([]);
      await register("PC-1", JSON.stringify(p256.jwk));
      await expect(register("PC-1", newP256().jwk)).rejects.toMatchObject({
        code: "conflict",
        message: expect.stringMatching(/already registered; use a new id/),
      });
      const audits = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event");
      expect(audits.rows[0]!.n).toBe(1);
    });

    it("changes name and location, auditing before and after; an unchanged save records nothing", async () => {
      await register("PC-1", newP256().jwk);
      const changed = await updateDeviceDetails(db, "PC-1", { name: " Elm desk ", location: "Elm ward" }, by);
      expect(changed).toMatchObject({ name: "Elm desk", location: "Elm ward" });
      await updateDeviceDetails(db, "PC-1", { name: "Elm desk", location: "Elm ward" }, by);
      const { rows } = await db.query<{ detail: string; user_id: string }>(
        "SELECT detail, user_id FROM audit_event ORDER BY occurred_at",
      );
      expect(rows).toHaveLength(2);
      const [registered, edited] = rows.map((row) => JSON.parse(row.detail));
      expect(registered).toMatchObject({ change: "registered", kty: "EC" });
      expect(JSON.parse(registered.after)).toMatchObject({
        name: "Oak desk",
        thumbprint: expect.any(String),
      });
      expect(edited.change).toBe("details-changed");
      expect(JSON.parse(edited.before)).toEqual({ name: "Oak desk", location: "Oak ward" });
      expect(JSON.parse(edited.after)).toEqual({ name: "Elm desk", location: "Elm ward" });
      await expect(updateDeviceDetails(db, "PC-1", { name: "", location: "x" }, by)).rejects.toMatchObject({
        code: "bad_request",
      });
      await expect(updateDeviceDetails(db, "PC-9", { name: "a", location: "b" }, by)).rejects.toMatchObject({
        code: "not_found",
      });
    });

    it("pages and sorts devices in SQL, and keeps active or revoked ones only", async () => {
      for (const id of ["PC-C", "PC-A", "PC-B"]) await register(id, newP256().jwk);
      await revokeDevice(db, "PC-B", by);
      await noteDeviceSeen(db, "PC-C", t0);
      const seenFirst = await listDevicesPage(db, { sort: "last-seen", descending: true });
      expect(seenFirst.devices.map((device) => device.id)).toEqual(["PC-C", "PC-A", "PC-B"]);
      expect(seenFirst.total).toBe(3);
      const active = await listDevicesPage(db, { status: "active", pageSize: 1, page: 2 });
      expect(active).toMatchObject({ total: 2, devices: [{ id: "PC-C" }] });
      expect((await listDevicesPage(db, { status: "revoked" })).devices.map((device) => device.id)).toEqual([
        "PC-B",
      ]);
    });

    it("notes last seen at most once per few minutes per PC", async () => {
      await register("PC-1", newP256().jwk);
      await register("PC-2", newP256().jwk);
      expect((await findDevice(db, "PC-1"))!.lastSeenAt).toBeNull();
      expect(await noteDeviceSeen(db, "PC-1", t0)).toBe(true);
      expect(await noteDeviceSeen(db, "PC-1", at(60_000))).toBe(false);
      expect(await noteDeviceSeen(db, "PC-1", at(lastSeenPrecisionMs - 1))).toBe(false);
      expect((await findDevice(db, "PC-1"))!.lastSeenAt).toEqual(t0);
      expect(await noteDeviceSeen(db, "PC-1", at(lastSeenPrecisionMs + 1))).toBe(true);
      expect((await findDevice(db, "PC-1"))!.lastSeenAt).toEqual(at(lastSeenPrecisionMs + 1));
      expect((await findDevice(db, "PC-2"))!.lastSeenAt).toBeNull();
      expect(await noteDeviceSeen(db, "PC-unknown", t0)).toBe(false);
    });

    it("an accepted launcher token marks the PC seen; a refused one does not", async () => {
      const key = newP256();
      await register("PC-1", { ...key.jwk, kid: "PC-1" });
      await db.query(
        `INSERT INTO staff_user (username, display_name, roles, enabled, non_prod_allowed)
         VALUES ('rxd\\nurse', 'Nia Nurse', '["clinician"]', true, true)`,
      );
      const now = new Date();
      const token = (sub: string) =>
        compactJws(
          { alg: "ES256", typ: "JWT", kid: "PC-1" },
          launchClaims("PC-1", now, { sub }),
          es256Signer(key.privateKey),
        );
      const wrongKey = compactJws(
        { alg: "ES256", typ: "JWT", kid: "PC-1" },
        launchClaims("PC-1", now, { sub: "RXD\\nurse" }),
        es256Signer(newP256().privateKey),
      );
      const signIn = (t: string) =>
        launcherSignIn(db, { token: t, audience, appEnv: "prod", ip: "10.0.0.1", userAgent: "t", now });
      expect((await signIn(wrongKey)).ok).toBe(false);
      expect((await findDevice(db, "PC-1"))!.lastSeenAt).toBeNull();
      expect((await signIn(token("RXD\\nurse"))).ok).toBe(true);
      expect((await findDevice(db, "PC-1"))!.lastSeenAt).toEqual(now);
      await revokeDevice(db, "PC-1", by);
      expect((await signIn(token("RXD\\nurse"))).ok).toBe(false);
    });
  });
}
