/** Break-glass grants: reasons, roles, expiry, and the IG flag, against every reachable database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { reachableDatabases } from "@/test/databases.test-kit";
import { admit, auditRows, createUser, seedFacilities } from "./access.test-kit";
import { activeGrant, grantBreakGlass } from "./break-glass";
import { assertCanReadPatient, canReadPatient } from "./ward-scope";

const now = new Date("2026-11-20T12:00:00Z");
const minutesLater = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const goodReason = "Covering Elm overnight, patient deteriorating";

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return undefined;
}

for (const target of await reachableDatabases()) {
  describe(`break-glass on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let onElm: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      onElm = await admit(db, "RXD01", "ELM", "BG-ELM-1");
    });
    afterAll(() => drop());

    it("refuses a missing or short reason", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await expect(
        grantBreakGlass(db, nurse.principal, { patientId: onElm, reason: "", now }),
      ).rejects.toThrow("Give a reason of at least 15 characters");
      const short = grantBreakGlass(db, nurse.principal, {
        patientId: onElm,
        reason: "   emergency      ",
        now,
      });
      expect(await codeOf(short)).toBe("bad_request");
      expect(await activeGrant(db, nurse.principal.userId, onElm, now)).toBeNull();
      expect(await canReadPatient(db, nurse.principal, onElm, now)).toEqual({ allowed: false });
    });

    it("grants with a good reason, flags it for IG, and expires after 60 minutes", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      const grant = await grantBreakGlass(db, nurse.principal, {
        patientId: onElm,
        reason: `  ${goodReason} `,
        now,
      });
      expect(grant.reason).toBe(goodReason);
      expect(grant.expiresAt).toEqual(minutesLater(60));

      expect(await canReadPatient(db, nurse.principal, onElm, minutesLater(59))).toEqual({
        allowed: true,
        via: "break-glass",
        grantId: grant.id,
      });
      expect(await activeGrant(db, nurse.principal.userId, onElm, minutesLater(60))).toBeNull();
      expect(await canReadPatient(db, nurse.principal, onElm, minutesLater(60))).toEqual({ allowed: false });
      expect(await codeOf(assertCanReadPatient(db, nurse.principal, onElm, minutesLater(61)))).toBe(
        "forbidden",
      );

      const rows = await auditRows(db, nurse.principal.userId);
      expect(rows).toMatchObject([
        {
          action: "break-glass.granted",
          outcome: "success",
          patient_id: onElm,
          break_glass: true,
          reason: goodReason,
        },
        { action: "patient.view", outcome: "refused", patient_id: onElm },
      ]);
      expect(JSON.parse(rows[0]!.detail)).toMatchObject({ grantId: grant.id, minutes: 60 });
    });

    it("only clinicians may break glass; a refusal is audited", async () => {
      const clerk = await createUser(db, ["ward-clerk"]);
      const admin = await createUser(db, ["admin"]);
      expect(
        await codeOf(grantBreakGlass(db, clerk.principal, { patientId: onElm, reason: goodReason, now })),
      ).toBe("forbidden");
      expect(
        await codeOf(grantBreakGlass(db, admin.principal, { patientId: onElm, reason: goodReason, now })),
      ).toBe("forbidden");
      expect(await auditRows(db, clerk.principal.userId)).toMatchObject([
        { action: "break-glass.refused", outcome: "refused", break_glass: true },
      ]);
    });

    it("an admin's grant row (inserted behind the API's back) still reads nothing without patients:read", async () => {
      const admin = await createUser(db, ["admin"]);
      await db.query(
        "INSERT INTO break_glass_grant (user_id, patient_id, reason, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        [admin.principal.userId, onElm, goodReason, now, minutesLater(60)],
      );
      expect(await canReadPatient(db, admin.principal, onElm, now)).toEqual({ allowed: false });
    });

    it("refuses an unknown patient and a grant length out of bounds", async () => {
      const nurse = await createUser(db, ["clinician"]);
      const unknown = { patientId: "00000000-0000-4000-8000-000000000000", reason: goodReason, now };
      expect(await codeOf(grantBreakGlass(db, nurse.principal, unknown))).toBe("not_found");
      expect(await codeOf(grantBreakGlass(db, nurse.principal, { ...unknown, patientId: "x" }))).toBe(
        "not_found",
      );
      const tooLong = { patientId: onElm, reason: goodReason, now, minutes: 24 * 60 };
      expect(await codeOf(grantBreakGlass(db, nurse.principal, tooLong))).toBe("bad_request");
    });
  });
}
