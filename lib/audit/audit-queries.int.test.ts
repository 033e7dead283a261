/** IG audit queries and CSV export over recorded events, against every reachable database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admit, createUser, seedFacilities } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { auditCsvLines } from "./audit-csv";
import { auditByPatient, auditByTime, auditByUser } from "./audit-queries";
import { recordListedPatients } from "./listed-patients";
import { recordAudit } from "./record-audit";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute));

for (const target of await reachableDatabases()) {
  describe(`audit queries on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let patient: string;
    let userId: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      patient = await admit(db, "RXD01", "OAK", "AUD-1");
      userId = (await createUser(db, ["clinician"])).principal.userId;
      // Recorded out of order, with two events at the same instant (the id breaks the tie).
      await recordAudit(db, [
        { action: "patient.view", outcome: "success", occurredAt: at(5), userId, patientId: patient },
        { action: "ward.view", outcome: "success", occurredAt: at(1), userId },
        { action: "patient.view", outcome: "refused", occurredAt: at(3), userId, patientId: patient },
        { action: "document.open", outcome: "success", occurredAt: at(3), userId, patientId: patient },
        { action: "sign-in", outcome: "failure", occurredAt: at(7), username: "=cmd|'/C calc'!A0" },
      ]);
    });
    afterAll(() => drop());

    it("returns a patient's events in the order they happened, with MRN and NHS number", async () => {
      const page = await auditByPatient(db, patient);
      expect(page.nextCursor).toBeNull();
      expect(page.rows.map((row) => row.occurredAt.slice(11, 16))).toEqual(["09:03", "09:03", "09:05"]);
      expect(page.rows[0]).toMatchObject({
        mrn: "AUD-1",
        nhsNumber: "9434765919",
        userId,
        patientId: patient,
      });
      expect(page.rows[0]!.id < page.rows[1]!.id).toBe(true);
    });

    it("names how each read was made (via), a device's report apart from what the server sent", async () => {
      const other = await admit(db, "RXD01", "OAK", "AUD-2");
      // Another user, before the other tests' window: their counts stay as they are.
      const userId = (await createUser(db, ["clinician"])).principal.userId;
      await recordAudit(db, [
        {
          action: "patient.view",
          outcome: "success",
          occurredAt: at(-3),
          userId,
          patientId: other,
          detail: { via: "sync" },
        },
        {
          action: "patient.view",
          outcome: "success",
          occurredAt: at(-2),
          userId,
          patientId: other,
          offline: true,
          detail: { via: "device-report", eventId: "e-1" },
        },
        { action: "patient.view", outcome: "refused", occurredAt: at(-1), userId, patientId: other },
      ]);
      const { rows } = await auditByPatient(db, other);
      expect(rows.map((row) => [row.via, row.offline])).toEqual([
        ["sync", false],
        ["device-report", true],
        [null, false],
      ]);
    });

    it("pages by keyset without gaps or repeats", async () => {
      const all = await auditByTime(db, { from: at(0), to: at(10) });
      expect(all.rows).toHaveLength(5);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await auditByTime(db, { from: at(0), to: at(10), limit: 2, cursor });
        expect(page.rows.length).toBeLessThanOrEqual(2);
        seen.push(...page.rows.map((row) => row.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.rows.map((row) => row.id));
    });

    it("filters by user, time window and action", async () => {
      expect((await auditByUser(db, userId)).rows).toHaveLength(4);
      expect((await auditByUser(db, userId, { from: at(3), to: at(5) })).rows).toHaveLength(2);
      const someActions = await auditByTime(db, { actions: ["sign-in", "ward.view"] });
      expect(someActions.rows.map((row) => row.action)).toEqual(["ward.view", "sign-in"]);
      expect((await auditByUser(db, "not-a-uuid")).rows).toEqual([]);
    });

    it("refuses a forged cursor and an oversized page", async () => {
      await expect(auditByTime(db, { cursor: "bm9wZQ" })).rejects.toMatchObject({ code: "bad_request" });
      await expect(auditByTime(db, { limit: 5_000 })).rejects.toMatchObject({ code: "bad_request" });
    });

    it("exports every row as CSV across pages, formula cells neutralised", async () => {
      const lines: string[] = [];
      for await (const line of auditCsvLines((cursor) =>
        auditByTime(db, { from: at(0), limit: 2, cursor }),
      )) {
        lines.push(line);
      }
      expect(lines).toHaveLength(6);
      expect(lines.at(-1)).toContain(`"'=cmd|'/C calc'!A0"`);
    });
    // Last: it adds rows the tests above count.
    it("finds a list event (a sync round) that lists the patient, naming the patient, and keeps it once", async () => {
      const other = await admit(db, "RXD01", "OAK", "AUD-LIST");
      const id = "7d4e8a56-0b1c-4f2e-9a3b-5c6d7e8f9012";
      await recordAudit(db, { id, action: "patient.sync", outcome: "success", occurredAt: at(30), userId });
      const listed = { auditEventId: id, action: "patient.sync" as const, occurredAt: at(30) };
      expect(await recordListedPatients(db, { ...listed, patientIds: [other, "not-a-uuid"] })).toBe(1);
      // A later page of the round lists the patient again: kept once.
      expect(await recordListedPatients(db, { ...listed, patientIds: [other] })).toBe(0);
      const { rows } = await auditByPatient(db, other);
      expect(rows.map((row) => [row.id, row.action, row.mrn])).toEqual([[id, "patient.sync", "AUD-LIST"]]);
      expect((await auditByPatient(db, other, { excludeSyncs: true })).rows).toEqual([]);
    });
  });
}
