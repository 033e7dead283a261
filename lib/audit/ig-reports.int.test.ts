/** The IG console's reports over recorded events, including a patient found after a purge. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, seedFacilities, send } from "@/lib/access/access.test-kit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { identifierHash } from "@/lib/retention/purged-patients";
import { runPurge } from "@/lib/retention/run-purge";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentStores } from "@/test/document-stores.test-kit";
import { readIgReportQuery } from "./ig-report-query";
import { resolveIgReport, runIgReport } from "./ig-reports";
import { recordAudit } from "./record-audit";

const key = "ig-test-key";
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));

async function admitWith(db: Database, mrn: string, nhsNumber: string, discharge = false) {
  const admit = adtEvent("admit", "2026-11-20T08:00:00Z", {
    mrn,
    visit: { visitNumber: `V-${mrn}`, location: { ward: "OAK", bed: "B1" } },
  });
  admit.patient.nhsNumber = nhsNumber;
  const events = [admit];
  if (discharge) {
    const leave = adtEvent("discharge", "2026-11-20T09:00:00Z", { mrn, visit: { visitNumber: `V-${mrn}` } });
    leave.patient.nhsNumber = nhsNumber;
    events.push(leave);
  }
  await send(db, events);
  const { rows } = await db.query<{ id: string }>("SELECT id FROM patient WHERE mrn = $1", [mrn]);
  return rows[0]!.id;
}

for (const target of await reachableDatabases()) {
  describe(`IG reports on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let auditor: Principal;
    let clinician: Principal;
    let kept: string;
    let purged: string;
    const ctx = () => ({ db, tombstoneKey: key, timeZone: "Europe/London" });
    const report = async (params: Record<string, string>) =>
      (await runIgReport(ctx(), auditor, readIgReportQuery(new URLSearchParams(params)))).page.rows;

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      auditor = (await createUser(db, ["ig-auditor"])).principal;
      clinician = (await createUser(db, ["clinician"])).principal;
      const other = (await createUser(db, ["clinician"])).principal;
      kept = await admitWith(db, "IG-KEPT", "9000000009");
      purged = await admitWith(db, "IG-GONE", "9000000017", true);
      const by = { userId: clinician.userId, username: clinician.username };
      await recordAudit(db, [
        {
          ...by,
          action: "ward.view",
          outcome: "success",
          occurredAt: at(1),
          patientId: kept,
          detail: { via: "ward-list" },
        },
        {
          ...by,
          action: "patient.view",
          outcome: "success",
          occurredAt: at(2),
          patientId: kept,
          detail: { via: "patient-record" },
        },
        {
          ...by,
          action: "patient.view",
          outcome: "success",
          occurredAt: at(3),
          patientId: kept,
          offline: true,
          detail: { via: "device-report", eventId: "e1" },
        },
        {
          ...by,
          action: "patient.view",
          outcome: "success",
          occurredAt: at(4),
          patientId: purged,
          detail: { via: "patient-record" },
        },
        {
          userId: other.userId,
          username: other.username,
          action: "patient.view",
          outcome: "success",
          occurredAt: at(5),
          patientId: purged,
          breakGlass: true,
        },
        {
          userId: other.userId,
          username: other.username,
          action: "break-glass.granted",
          outcome: "success",
          occurredAt: at(6),
          patientId: purged,
          breakGlass: true,
          reason: "Patient collapsed in the corridor outside the ward",
        },
        {
          userId: other.userId,
          action: "break-glass.refused",
          outcome: "refused",
          occurredAt: at(7),
          reason: "reason-too-short",
        },
        {
          ...by,
          action: "audit.offline.refused",
          outcome: "refused",
          occurredAt: at(8),
          detail: { refused: 1 },
        },
        { action: "sign-in.failed", outcome: "failure", occurredAt: at(9), username: "trust\\nobody" },
        {
          action: "sign-in.attack-suspected",
          outcome: "failure",
          occurredAt: at(10),
          username: "trust\\nobody",
        },
        { ...by, action: "account.locked", outcome: "failure", occurredAt: at(11) },
        { ...by, action: "sign-in", outcome: "success", occurredAt: at(12) },
        {
          userId: auditor.userId,
          action: "setting.changed",
          outcome: "success",
          occurredAt: at(13),
          detail: { key: "x" },
        },
        {
          userId: auditor.userId,
          action: "user.clinical-role-granted",
          outcome: "success",
          occurredAt: at(14),
        },
        { userId: auditor.userId, action: "downtime.declared", outcome: "success", occurredAt: at(15) },
        // The next day: outside a one-day range.
        {
          ...by,
          action: "patient.view",
          outcome: "success",
          occurredAt: new Date("2026-11-21T10:00:00Z"),
          patientId: kept,
        },
      ]);
      // A recent event keeps this patient; the discharged one is due.
      const recent = adtEvent("admit", "2027-05-31T08:00:00Z", {
        mrn: "IG-KEPT",
        visit: { visitNumber: "V-IG-KEPT", location: { ward: "OAK", bed: "B1" } },
      });
      recent.patient.nhsNumber = "9000000009";
      await send(db, [recent]);
      const store = await documentStores[0]!.create();
      await runPurge({ db, storage: store.store, tombstoneKey: key, now: new Date("2027-06-01T00:00:00Z") });
      await store.stop();
    });
    afterAll(() => drop());

    it("finds who accessed a patient by NHS number or MRN, naming how each read was made", async () => {
      const rows = await report({ report: "patient", idType: "nhs-number", id: "900 000 0009" });
      expect(rows.map((row) => [row.action, row.via, row.offline])).toEqual([
        ["ward.view", "ward-list", false],
        ["patient.view", "patient-record", false],
        ["patient.view", "device-report", true],
        ["patient.view", null, false],
      ]);
      expect(rows[0]).toMatchObject({ mrn: "IG-KEPT", nhsNumber: "9000000009", userId: clinician.userId });
      const byMrn = await report({
        report: "patient",
        idType: "mrn",
        id: "IG-KEPT",
        from: "2026-11-20",
        to: "2026-11-20",
      });
      expect(byMrn.map((row) => row.occurredAt.slice(11, 16))).toEqual(["10:01", "10:02", "10:03"]);
    });

    it("after a purge, finds the old patient's rows by a keyed hash, with the identifiers gone", async () => {
      expect((await db.query("SELECT id FROM patient WHERE id = $1", [purged])).rows).toHaveLength(0);
      const stored = await db.query<{ mrn_hash: string; nhs_number_hash: string }>(
        "SELECT mrn_hash, nhs_number_hash FROM purged_patient WHERE patient_id = $1",
        [purged],
      );
      // Only hashes: neither identifier is stored.
      expect(stored.rows[0]).toEqual({
        mrn_hash: identifierHash(key, "mrn", "IG-GONE"),
        nhs_number_hash: identifierHash(key, "nhs-number", "9000000017"),
      });
      expect(JSON.stringify(stored.rows)).not.toContain("9000000017");
      for (const params of [
        { report: "patient", idType: "nhs-number", id: "9000000017" },
        { report: "patient", idType: "mrn", id: "IG-GONE" },
      ]) {
        const resolved = await resolveIgReport(ctx(), readIgReportQuery(new URLSearchParams(params)));
        expect(resolved.subject).toMatchObject({
          kind: "patient",
          held: [],
          purged: [{ patientId: purged, facilityCode: "RXD01" }],
        });
        const rows = (await resolved.fetchPage(null)).rows;
        expect(rows.map((row) => row.action)).toEqual([
          "patient.view",
          "patient.view",
          "break-glass.granted",
        ]);
        expect(
          rows.every((row) => row.patientId === purged && row.mrn === null && row.nhsNumber === null),
        ).toBe(true);
      }
      // A different key finds nothing: the hash is keyed.
      const other = await resolveIgReport(
        { ...ctx(), tombstoneKey: "another-key" },
        readIgReportQuery(new URLSearchParams({ report: "patient", id: "9000000017" })),
      );
      expect(other.subject).toMatchObject({ held: [], purged: [] });
    });

    it("lists everything one user did, by username", async () => {
      const rows = await report({ report: "user", user: clinician.username.toUpperCase(), to: "2026-11-20" });
      expect(rows.map((row) => row.action)).toEqual([
        "ward.view",
        "patient.view",
        "patient.view",
        "patient.view",
        "audit.offline.refused",
        "account.locked",
        "sign-in",
      ]);
      await expect(report({ report: "user", user: "trust\\nosuchuser" })).rejects.toMatchObject({
        code: "not_found",
      });
    });

    it("lists break-glass with reasons, offline reads, sign-in problems and configuration changes", async () => {
      const day = { from: "2026-11-20", to: "2026-11-20" };
      const breakGlass = await report({ report: "break-glass", ...day });
      expect(breakGlass.map((row) => [row.action, row.reason])).toEqual([
        ["break-glass.granted", "Patient collapsed in the corridor outside the ward"],
        ["break-glass.refused", "reason-too-short"],
      ]);
      expect((await report({ report: "offline", ...day })).map((row) => row.action)).toEqual([
        "patient.view",
        "audit.offline.refused",
      ]);
      expect((await report({ report: "sign-in", ...day })).map((row) => row.action)).toEqual([
        "sign-in.failed",
        "sign-in.attack-suspected",
        "account.locked",
      ]);
      expect((await report({ report: "config", ...day })).map((row) => row.action)).toEqual([
        "setting.changed",
        "user.clinical-role-granted",
        "downtime.declared",
      ]);
    });

    it("pages with the keyset cursor", async () => {
      const first = await runIgReport(
        ctx(),
        auditor,
        readIgReportQuery(
          new URLSearchParams({ report: "sign-in", from: "2026-11-20", to: "2026-11-20", limit: "2" }),
        ),
      );
      expect(first.page.rows).toHaveLength(2);
      const second = await runIgReport(
        ctx(),
        auditor,
        readIgReportQuery(
          new URLSearchParams({
            report: "sign-in",
            from: "2026-11-20",
            to: "2026-11-20",
            limit: "2",
            cursor: first.page.nextCursor!,
          }),
        ),
      );
      expect(second.page.rows.map((row) => row.action)).toEqual(["account.locked"]);
      expect(second.page.nextCursor).toBeNull();
    });

    it("audits every run with the kind and parameters", async () => {
      const before = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'audit.report'",
      );
      await report({ report: "patient", idType: "mrn", id: "IG-GONE", from: "2026-11-01" });
      const { rows } = await db.query<{ user_id: string; detail: string; n: number }>(
        "SELECT user_id, detail FROM audit_event WHERE action = 'audit.report' ORDER BY recorded_at DESC, occurred_at DESC LIMIT 1",
      );
      const after = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'audit.report'",
      );
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
      expect(rows[0]!.user_id).toBe(auditor.userId);
      expect(JSON.parse(rows[0]!.detail)).toMatchObject({
        report: "patient",
        format: "page",
        idType: "mrn",
        identifier: "IG-GONE",
        from: "2026-11-01",
        patientIds: [purged],
      });
    });

    it("refuses bad parameters with a clear message", () => {
      expect(() => readIgReportQuery(new URLSearchParams({ report: "patient", id: "123" }))).toThrow(
        "10 digits",
      );
      expect(() => readIgReportQuery(new URLSearchParams({ report: "patient" }))).toThrow(
        "NHS number or MRN",
      );
      expect(() => readIgReportQuery(new URLSearchParams({ report: "nope" }))).toThrow(/report/);
      expect(() =>
        readIgReportQuery(new URLSearchParams({ report: "config", from: "2026-11-21", to: "2026-11-20" })),
      ).toThrow("start date is after");
    });
  });
}
