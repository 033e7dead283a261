/** Ward readiness figures against counts worked out here from the seeded rows, on every adapter. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admit, seedFacilities, wardId } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { testPrincipal } from "@/test/principals.test-kit";
import { defaultReadinessThresholds } from "./readiness-rating";
import { readinessThresholds, saveReadinessThresholds } from "./readiness-thresholds";
import { wardReadiness, wardReadinessFigures } from "./ward-readiness";

const now = new Date("2026-12-04T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

/** The seeded staff: grants, credential, and their sign-ins (hours ago). */
const staff = [
  { name: "a", wards: ["OAK"], facilities: [], credential: "active", sessions: [5 * 24], enabled: true },
  {
    name: "b",
    wards: ["OAK"],
    facilities: ["RXD01"],
    credential: "pending",
    sessions: [40 * 24],
    enabled: true,
  },
  {
    name: "c",
    wards: [],
    facilities: ["RXD01"],
    credential: "active",
    sessions: [24, 31 * 24],
    enabled: true,
  },
  { name: "d", wards: ["OAK"], facilities: [], credential: "active", sessions: [1], enabled: false },
  { name: "e", wards: ["ASH"], facilities: ["RXD02"], credential: null, sessions: [], enabled: true },
  { name: "f", wards: ["ELM"], facilities: [], credential: "active", sessions: [29 * 24], enabled: true },
];
const wardFacility: Record<string, string> = { OAK: "RXD01", ELM: "RXD01", ASH: "RXD02" };
/** Ward PCs: ward, revoked, launcher sign-ins (hours ago). */
const pcs = [
  { id: "PC-OAK-1", ward: "OAK", revoked: false, sessions: [2, 50] },
  { id: "PC-OAK-2", ward: "OAK", revoked: false, sessions: [30] },
  { id: "PC-OAK-3", ward: "OAK", revoked: true, sessions: [1] },
  { id: "PC-ELM-1", ward: "ELM", revoked: false, sessions: [23] },
];

/** The same figures, counted in plain code from the arrays above. */
function expected(ward: string) {
  const inScope = staff.filter(
    (user) => user.enabled && (user.wards.includes(ward) || user.facilities.includes(wardFacility[ward]!)),
  );
  const wardPcs = pcs.filter((pc) => pc.ward === ward && !pc.revoked);
  return {
    staff: inScope.length,
    enrolled: inScope.filter((user) => user.credential === "active").length,
    signedIn: inScope.filter((user) => user.sessions.some((hours) => hours <= 30 * 24)).length,
    pcsRegistered: wardPcs.length,
    pcsSeen: wardPcs.filter((pc) => pc.sessions.some((hours) => hours <= 24)).length,
  };
}

for (const target of await reachableDatabases()) {
  describe(`ward readiness on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      for (const user of staff) {
        const { rows } = await db.query<{ id: string }>(
          "INSERT INTO staff_user (username, display_name, roles, enabled) VALUES ($1, $2, '[\"clinician\"]', $3) RETURNING id",
          [`trust\\${user.name}`, user.name, user.enabled],
        );
        const userId = rows[0]!.id;
        for (const ward of user.wards) {
          await db.query("INSERT INTO user_ward_access (user_id, ward_id) VALUES ($1, $2)", [
            userId,
            await wardId(db, wardFacility[ward]!, ward),
          ]);
        }
        for (const facility of user.facilities) {
          await db.query(
            "INSERT INTO user_facility_access (user_id, facility_id) SELECT $1, id FROM facility WHERE code = $2",
            [userId, facility],
          );
        }
        if (user.credential) {
          await db.query(
            "INSERT INTO totp_credential (user_id, secret_ciphertext, key_id, status, source) VALUES ($1, 'x', 'k', $2, 'ward-pc')",
            [userId, user.credential],
          );
        }
        for (const hours of user.sessions) {
          await db.query(
            "INSERT INTO auth_session (user_id, method, created_at, expires_at) VALUES ($1, 'byod', $2, $2)",
            [userId, hoursAgo(hours)],
          );
        }
      }
      const someone = (await db.query<{ id: string }>("SELECT id FROM staff_user LIMIT 1")).rows[0]!.id;
      for (const pc of pcs) {
        await db.query(
          "INSERT INTO launcher_device (id, name, location, ward_id, public_jwk, revoked_at) VALUES ($1, $1, 'x', $2, '{}', $3)",
          [pc.id, await wardId(db, wardFacility[pc.ward]!, pc.ward), pc.revoked ? hoursAgo(48) : null],
        );
        for (const hours of pc.sessions) {
          await db.query(
            "INSERT INTO auth_session (user_id, method, device_id, created_at, expires_at) VALUES ($1, 'launcher', $2, $3, $3)",
            [someone, pc.id, hoursAgo(hours)],
          );
        }
      }
      // A byod session naming a device is no ward PC sighting.
      await db.query(
        "INSERT INTO auth_session (user_id, method, device_id, created_at, expires_at) VALUES ($1, 'byod', 'PC-OAK-2', $2, $2)",
        [someone, hoursAgo(1)],
      );
      // Census: two patients on Oak (events at 08:00 on 20 Nov, then a later one), one on Elm.
      const oak1 = await admit(db, "RXD01", "OAK", "R-1");
      await admit(db, "RXD01", "OAK", "R-2");
      await admit(db, "RXD01", "ELM", "R-3");
      await db.query(
        "UPDATE stay SET last_event_at = $1 WHERE patient_id = (SELECT id FROM patient WHERE mrn = 'R-2')",
        [hoursAgo(3)],
      );
      for (const [patient, producedAt, external] of [
        [oak1, hoursAgo(10), "D1"],
        [oak1, hoursAgo(30), "D2"],
      ] as const) {
        await db.query(
          `INSERT INTO document (facility_id, patient_id, external_id, kind, title, content_type, bytes, sha256, storage_key, produced_at)
           SELECT facility_id, id, $2, 'mar', 'Drug chart', 'application/pdf', 1, 'x', $2, $3 FROM patient WHERE id = $1`,
          [patient, external, producedAt],
        );
      }
    });
    afterAll(() => drop());

    it("counts staff in scope once each, enrolled, signed in within 30 days, and ward PCs seen in 24 hours", async () => {
      const figures = await wardReadinessFigures(db, now);
      expect(figures.map((ward) => `${ward.facilityCode}/${ward.wardCode}`)).toEqual([
        "RXD01/ELM",
        "RXD01/OAK",
        "RXD02/ASH",
      ]);
      for (const ward of figures) {
        expect({ ward: ward.wardCode, ...pick(ward) }).toEqual({
          ward: ward.wardCode,
          ...expected(ward.wardCode),
        });
      }
    });

    it("gives each ward its last ADT event and newest document", async () => {
      const figures = new Map((await wardReadinessFigures(db, now)).map((ward) => [ward.wardCode, ward]));
      expect(figures.get("OAK")).toMatchObject({
        lastAdtEventAt: hoursAgo(3).toISOString(),
        newestDocumentAt: hoursAgo(10).toISOString(),
      });
      expect(figures.get("ELM")).toMatchObject({
        lastAdtEventAt: "2026-11-20T08:00:00.000Z",
        newestDocumentAt: null,
      });
      expect(figures.get("ASH")).toMatchObject({ lastAdtEventAt: null, newestDocumentAt: null });
    });

    it("rates each figure against the thresholds, the ward by its worst", async () => {
      const wards = new Map(
        (await wardReadiness(db, defaultReadinessThresholds, now)).map((ward) => [ward.wardCode, ward]),
      );
      const oak = wards.get("OAK")!;
      // Oak: a, b, c in scope; a and c enrolled (67%: amber), a and c signed in (67%: amber),
      // one PC seen (amber), ADT 3 h (green), document 10 h (green).
      expect(oak).toMatchObject({ enrolledPercent: 67, signedInPercent: 67 });
      expect(oak.ratings).toEqual({
        enrolled: "amber",
        signedIn: "amber",
        pcs: "amber",
        adt: "green",
        document: "green",
        overall: "amber",
      });
      expect(wards.get("ASH")!.ratings.overall).toBe("red");
      const strict = await wardReadiness(
        db,
        {
          ...defaultReadinessThresholds,
          enrolledPercent: { green: 60, amber: 10 },
          wardPcsSeen: { green: 1, amber: 0 },
        },
        now,
      );
      expect(strict.find((ward) => ward.wardCode === "OAK")!.ratings).toMatchObject({
        enrolled: "green",
        pcs: "green",
      });
    });

    it("keeps the admin's thresholds, audited with before and after, and refuses nonsense", async () => {
      const admin = testPrincipal(["admin"]);
      expect(await readinessThresholds(db)).toEqual(defaultReadinessThresholds);
      const next = { ...defaultReadinessThresholds, enrolledPercent: { green: 90, amber: 60 } };
      await saveReadinessThresholds(db, admin, next, now);
      expect(await readinessThresholds(db)).toEqual(next);
      const { rows } = await db.query<{ user_id: string; detail: string }>(
        "SELECT user_id, detail FROM audit_event WHERE action = 'setting.changed'",
      );
      expect(rows).toHaveLength(1);
      const detail = JSON.parse(rows[0]!.detail);
      expect(detail.key).toBe("readiness-thresholds");
      expect(JSON.parse(detail.before)).toEqual(defaultReadinessThresholds);
      expect(JSON.parse(detail.after)).toEqual(next);
      await expect(
        saveReadinessThresholds(db, admin, { ...next, signedInPercent: { green: 120, amber: 50 } }),
      ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("0 to 100") });
      await expect(
        saveReadinessThresholds(db, admin, { ...next, signedInPercent: { green: 40, amber: 50 } }),
      ).rejects.toMatchObject({
        code: "bad_request",
        message: expect.stringContaining("amber must not be above"),
      });
      await expect(saveReadinessThresholds(db, testPrincipal(["ig-auditor"]), next)).rejects.toMatchObject({
        code: "forbidden",
      });
    });

    it("stays set-based at 200 wards and 20,000 staff", async () => {
      await db.query(
        `INSERT INTO ward (facility_id, code, name)
         SELECT f.id, 'W' || g, 'Ward ' || g FROM facility f, generate_series(1, 200) g WHERE f.code = 'RXD02'`,
      );
      await db.query(
        `INSERT INTO staff_user (username, display_name, roles)
         SELECT 'load\\u' || g, 'U' || g, '["clinician"]' FROM generate_series(1, 20000) g`,
      );
      await db.query(
        `INSERT INTO user_ward_access (user_id, ward_id)
         SELECT u.id, w.id FROM staff_user u
           JOIN ward w ON w.code = 'W' || (1 + (substr(u.display_name, 2)::int % 200))
          WHERE u.username LIKE 'load%'`,
      );
      await db.query(
        `INSERT INTO auth_session (user_id, method, created_at, expires_at)
         SELECT id, 'byod', $1, $1 FROM staff_user WHERE username LIKE 'load%'`,
        [hoursAgo(2)],
      );
      const started = performance.now();
      const figures = await wardReadinessFigures(db, now);
      const elapsed = performance.now() - started;
      const load = figures.filter((ward) => ward.wardCode.startsWith("W"));
      expect(load).toHaveLength(200);
      // ASH's facility grant (user e) reaches the new wards of RXD02 too.
      expect(load.every((ward) => ward.staff === 101 && ward.signedIn === 100)).toBe(true);
      expect(elapsed).toBeLessThan(10_000);
    });
  });
}

function pick(ward: {
  staff: number;
  enrolled: number;
  signedIn: number;
  pcsRegistered: number;
  pcsSeen: number;
}) {
  const { staff, enrolled, signedIn, pcsRegistered, pcsSeen } = ward;
  return { staff, enrolled, signedIn, pcsRegistered, pcsSeen };
}
