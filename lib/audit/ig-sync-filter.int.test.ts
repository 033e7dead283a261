/**
 * IG reports default to views and opens: a background sync round (one `patient.sync` listing its
 * patients) is left out unless the reader asks for it, and is then found by patient.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, seedFacilities, wardId } from "@/lib/access/access.test-kit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { syncPage } from "@/lib/sync/sync-feed";
import { wardCensus } from "@/lib/ward-list/ward-census";
import { adt } from "@/lib/ward-list/ward-list.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { readIgReportQuery } from "./ig-report-query";
import { runIgReport } from "./ig-reports";
import { recordAudit } from "./record-audit";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute));

for (const target of await reachableDatabases()) {
  describe(`IG reports and background syncs on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let auditor: Principal;
    let nurse: Principal;
    let patientId: string;
    const report = async (params: Record<string, string>) =>
      (
        await runIgReport(
          { db, tombstoneKey: "k", timeZone: "Europe/London" },
          auditor,
          readIgReportQuery(new URLSearchParams(params)),
        )
      ).page.rows;

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      auditor = (await createUser(db, ["ig-auditor"])).principal;
      const user = await createUser(db, ["clinician"]);
      await user.grantWard("RXD01", "OAK");
      nurse = user.principal;
      await adt(db, { ward: "OAK", bed: "B1", mrn: "SYNC-1" });
      await adt(db, { ward: "OAK", bed: "B2", mrn: "SYNC-2" });
      const { rows } = await db.query<{ id: string }>("SELECT id FROM patient WHERE mrn = 'SYNC-1'");
      patientId = rows[0]!.id;
      // Seven sync rounds in ten minutes, one ward list shown, one record opened.
      for (let round = 0; round < 7; round++) {
        const page = await syncPage(db, nurse, { now: at(round), cacheTtlSeconds: 3600, settleSeconds: 0 });
        expect(page.upserts).toHaveLength(2);
      }
      await wardCensus(db, nurse, await wardId(db, "RXD01", "OAK"), at(8));
      await recordAudit(db, {
        userId: nurse.userId,
        username: nurse.username,
        action: "patient.view",
        outcome: "success",
        occurredAt: at(9),
        patientId,
        detail: { via: "patient-record" },
      });
    });
    afterAll(() => drop());

    it("records one patient.sync per round, each listing both patients", async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event_patient ap
           JOIN audit_event a ON a.id = ap.audit_event_id
          WHERE a.action = 'patient.sync' AND a.user_id = $1`,
        [nurse.userId],
      );
      const events = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'patient.sync' AND user_id = $1",
        [nurse.userId],
      );
      expect(events.rows[0]!.n).toBe(7);
      expect(rows[0]!.n).toBe(14);
    });

    it("shows who viewed and opened the patient by default, and no syncs", async () => {
      const rows = await report({ report: "patient", idType: "mrn", id: "SYNC-1" });
      expect(rows.map((row) => [row.action, row.via])).toEqual([
        ["ward.view", "ward-list"],
        ["patient.view", "patient-record"],
      ]);
      // The ward view lists the patient: the row names the patient it matched.
      expect(rows[0]).toMatchObject({ patientId, mrn: "SYNC-1", userId: nurse.userId });
    });

    it("finds the syncs by patient when asked for them, old-style sync rows included", async () => {
      await recordAudit(db, {
        userId: nurse.userId,
        action: "patient.view",
        outcome: "success",
        occurredAt: at(10),
        patientId,
        detail: { via: "sync" },
      });
      const hidden = await report({ report: "patient", idType: "mrn", id: "SYNC-1" });
      expect(hidden.map((row) => row.action)).toEqual(["ward.view", "patient.view"]);
      const rows = await report({ report: "patient", idType: "mrn", id: "SYNC-1", syncs: "include" });
      expect(rows.map((row) => row.action)).toEqual([
        ...Array(7).fill("patient.sync"),
        "ward.view",
        "patient.view",
        "patient.view",
      ]);
      expect(rows.filter((row) => row.action === "patient.sync").every((row) => row.mrn === "SYNC-1")).toBe(
        true,
      );
      expect(rows.at(-1)).toMatchObject({ via: "sync" });
    });

    it("applies the same default to a user's report, and refuses a bad filter value", async () => {
      const username = nurse.username;
      const views = await report({ report: "user", user: username });
      expect(views.map((row) => row.action)).toEqual(["ward.view", "patient.view"]);
      const all = await report({ report: "user", user: username, syncs: "include" });
      expect(all.filter((row) => row.action === "patient.sync")).toHaveLength(7);
      expect(() =>
        readIgReportQuery(new URLSearchParams({ report: "user", user: username, syncs: "x" })),
      ).toThrow(/syncs/);
    });
  });
}
