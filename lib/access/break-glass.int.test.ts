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
    const elsewhere: string[] = [];
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      onElm = await admit(db, "RXD01", "ELM", "BG-ELM-1");
      for (let i = 0; i < 8; i++) elsewhere.push(await admit(db, "RXD02", "ASH", `BG-ASH-${i}`));
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

    it("refuses reasons that say nothing, and audits the rule that refused (never the text)", async () => {
      const nurse = await createUser(db, ["clinician"]);
      for (const reason of ["aaaaaaaaaaaaaaaaaaaaaaa", "help help help help", "urgent!!! 1234567890"]) {
        const refused = grantBreakGlass(db, nurse.principal, { patientId: onElm, reason, now });
        await expect(refused).rejects.toMatchObject({
          code: "bad_request",
          message: expect.stringMatching(/at least 3 different words/),
        });
      }
      expect(await activeGrant(db, nurse.principal.userId, onElm, now)).toBeNull();
      const rows = await auditRows(db, nurse.principal.userId);
      expect(rows.map((row) => [row.action, row.outcome, row.break_glass, row.reason])).toEqual(
        Array(3).fill(["break-glass.refused", "refused", true, null]),
      );
      expect(rows.map((row) => JSON.parse(row.detail).reason)).toEqual([
        "repeated-character",
        "repeated-word",
        "too-few-words",
      ]);
      expect(rows.map((row) => row.detail).join()).not.toMatch(/help|aaaa|urgent/);
    });

    it("allows 5 grants an hour, refuses the 6th (audited, with when to retry) and alerts IG once on a burst", async () => {
      const nurse = await createUser(db, ["clinician"]);
      const grant = (patient: string, minute: number) =>
        grantBreakGlass(db, nurse.principal, {
          patientId: patient,
          reason: goodReason,
          now: minutesLater(minute),
        });
      for (const [i, minute] of [0, 2, 4, 6, 30].entries()) await grant(elsewhere[i]!, minute);
      const refused = await grant(elsewhere[5]!, 40).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: "rate_limited", retryAfterSeconds: 20 * 60 });
      expect((refused as Error).message).toMatch(/5 times in the last hour.*again in 20 minutes/);
      // An hour after the first grant, one slot is free again.
      expect((await grant(elsewhere[5]!, 60.5)).patientId).toBe(elsewhere[5]);

      const rows = await auditRows(db, nurse.principal.userId);
      expect(rows.map((row) => row.action)).toEqual([
        "break-glass.granted",
        "break-glass.granted",
        "break-glass.granted",
        "break-glass.burst",
        "break-glass.granted",
        "break-glass.granted",
        "break-glass.refused",
        "break-glass.granted",
      ]);
      expect(JSON.parse(rows[3]!.detail)).toMatchObject({ grants: 3, withinMinutes: 10 });
      expect(JSON.parse(rows[6]!.detail)).toEqual({ reason: "too-many-grants", grantsInLastHour: 5 });
      expect(rows[6]).toMatchObject({ outcome: "refused", break_glass: true, patient_id: elsewhere[5] });
    });

    it("lets no more than 5 of many simultaneous grants through", async () => {
      const nurse = await createUser(db, ["clinician"]);
      const results = await Promise.allSettled(
        elsewhere.map((patient) =>
          grantBreakGlass(db, nurse.principal, { patientId: patient, reason: goodReason, now }),
        ),
      );
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
      const refusals = results.filter((result) => result.status === "rejected");
      expect(refusals.map((result) => (result.reason as AppError).code)).toEqual(
        Array(3).fill("rate_limited"),
      );
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
