/** Registering, listing and revoking ward PCs, with the audit trail, on every database. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { listDevices, registerDevice, revokeDevice } from "./devices";
import { newP256 } from "./launch-token.test-kit";

const by = { userId: "00000000-0000-4000-8000-000000000001", username: "rxd\\admin" };
const register = (db: Database, id: string, extra: Record<string, unknown> = {}) =>
  registerDevice(db, { id, name: "Oak desk", location: "Oak ward", publicJwk: newP256().jwk, by, ...extra });

for (const target of await reachableDatabases()) {
  describe(`launcher devices on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of ["launcher_device", "audit_event", "auth_session", "ward"]) {
        await db.query(`DELETE FROM ${table}`);
      }
    });

    it("registers a PC with its public key only, lists it, and audits the change", async () => {
      const device = await register(db, "WARDPC-OAK-01", { name: "  Oak nurses' station " });
      expect(device).toMatchObject({
        id: "WARDPC-OAK-01",
        name: "Oak nurses' station",
        wardId: null,
        revokedAt: null,
      });
      expect(Object.keys(device.publicJwk).sort()).toEqual(["crv", "kty", "x", "y"]);
      expect(await listDevices(db)).toEqual([device]);
      const audit = await db.query<{ action: string; device_id: string; user_id: string; detail: unknown }>(
        "SELECT action, device_id, user_id, detail FROM audit_event",
      );
      expect(audit.rows).toMatchObject([
        { action: "device.changed", device_id: "WARDPC-OAK-01", user_id: by.userId },
      ]);
    });

    it("links a PC to a ward that exists, and refuses one that does not", async () => {
      const ward = await db.query<{ id: string }>(
        "INSERT INTO ward (facility_id, code, name) VALUES (gen_random_uuid(), 'OAK', 'Oak') RETURNING id",
      );
      const wardId = ward.rows[0]!.id;
      expect(await register(db, "WARDPC-OAK-01", { wardId })).toMatchObject({ wardId });
      const missing = "11111111-1111-4111-8111-111111111111";
      await expect(register(db, "WARDPC-OAK-02", { wardId: missing })).rejects.toMatchObject({
        code: "bad_request",
      });
      await expect(register(db, "WARDPC-OAK-03", { wardId: "oak" })).rejects.toMatchObject({
        code: "bad_request",
      });
    });

    it("refuses a private key, a bad id, and an id already used (even by a revoked PC)", async () => {
      const privateJwk = { ...newP256().jwk, d: "x".repeat(43) };
      await expect(register(db, "WARDPC-OAK-01", { publicJwk: privateJwk })).rejects.toThrow(/private key/);
      await expect(register(db, "WARD PC/1")).rejects.toMatchObject({ code: "bad_request" });
      await register(db, "WARDPC-OAK-01");
      await revokeDevice(db, "WARDPC-OAK-01", by);
      await expect(register(db, "WARDPC-OAK-01")).rejects.toMatchObject({ code: "conflict" });
      expect(await listDevices(db)).toHaveLength(1);
    });

    it("revokes a PC, ends its launcher sessions, keeps the row, and is idempotent", async () => {
      await register(db, "WARDPC-OAK-01");
      await db.query(
        `INSERT INTO auth_session (user_id, method, device_id, expires_at)
         VALUES (gen_random_uuid(), 'launcher', 'WARDPC-OAK-01', now() + interval '1 hour'),
                (gen_random_uuid(), 'launcher', 'WARDPC-ELM-01', now() + interval '1 hour')`,
      );
      const revoked = await revokeDevice(db, "WARDPC-OAK-01", by);
      expect(revoked.revokedAt).toBeInstanceOf(Date);
      const sessions = await db.query<{ device_id: string; ended: boolean }>(
        "SELECT device_id, revoked_at IS NOT NULL AS ended FROM auth_session ORDER BY device_id",
      );
      expect(sessions.rows).toEqual([
        { device_id: "WARDPC-ELM-01", ended: false },
        { device_id: "WARDPC-OAK-01", ended: true },
      ]);
      expect((await revokeDevice(db, "WARDPC-OAK-01", by)).revokedAt).toEqual(revoked.revokedAt);
      const audits = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event");
      expect(audits.rows[0]!.n).toBe(2);
      await expect(revokeDevice(db, "WARDPC-NOPE", by)).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
