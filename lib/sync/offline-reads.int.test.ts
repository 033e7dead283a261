/** The sync ledger and the offline reads checked against it, on every reachable database. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, seedFacilities, wardId } from "@/lib/access/access.test-kit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { adt, auditOf } from "@/lib/ward-list/ward-list.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { copyLifeRefreshMs } from "./offline-read-rules";
import { type OfflineReadUpload, recordOfflineReads } from "./offline-reads";
import { type SyncRequest, syncPage } from "./sync-feed";
import { ledgerGraceMs, pruneSyncLedger } from "./sync-ledger";

const start = new Date("2026-11-20T12:00:00Z");
const hour = 3_600_000;
const later = (ms: number) => new Date(start.getTime() + ms);
const ttlSeconds = 12 * 3600;
const request = (now: Date): SyncRequest => ({ now, cacheTtlSeconds: ttlSeconds, settleSeconds: 0 });

for (const target of await reachableDatabases()) {
  describe(`offline reads against the sync ledger on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let oak: { stayId: string; patientId: string }[];
    let elm: { stayId: string; patientId: string };
    let oakWard: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      oak = [];
      for (const bed of ["B1", "B2"]) oak.push(await adt(db, { ward: "OAK", bed, mrn: `L-${bed}` }));
      elm = await adt(db, { ward: "ELM", bed: "B1", mrn: "L-E1" });
      oakWard = await wardId(db, "RXD01", "OAK");
    });
    afterAll(() => drop());

    /** An OAK clinician in a session of their own (test principals otherwise share one). */
    async function oakNurse(): Promise<Principal> {
      const user = await createUser(db, ["clinician"]);
      await user.grantWard("RXD01", "OAK");
      return { ...user.principal, sessionId: randomUUID() };
    }

    async function ledger(sessionId: string) {
      const { rows } = await db.query<{
        patient_id: string;
        first_sent_at: Date;
        sent_at: Date;
        expires_at: Date;
      }>(
        "SELECT patient_id, first_sent_at, sent_at, expires_at FROM sync_ledger WHERE session_id = $1 ORDER BY patient_id",
        [sessionId],
      );
      return rows.map((row) => ({
        patientId: row.patient_id,
        firstSentAt: new Date(row.first_sent_at).toISOString(),
        sentAt: new Date(row.sent_at).toISOString(),
        expiresAt: new Date(row.expires_at).toISOString(),
      }));
    }

    const patientRead = (patient: { stayId: string; patientId: string }, at: Date, sessionId?: string) =>
      ({
        eventId: randomUUID(),
        action: "patient.view",
        at: at.toISOString(),
        ...(sessionId ? { sessionId } : {}),
        stayId: patient.stayId,
        patientId: patient.patientId,
        wardId: oakWard,
      }) satisfies OfflineReadUpload;

    it("keeps one row per patient per session: first send kept, latest send and expiry moved on", async () => {
      const nurse = await oakNurse();
      await syncPage(db, nurse, request(start));
      const first = await ledger(nurse.sessionId);
      expect(first.map((row) => row.patientId).sort()).toEqual(oak.map((stay) => stay.patientId).sort());
      expect(first[0]).toMatchObject({
        firstSentAt: start.toISOString(),
        sentAt: start.toISOString(),
        expiresAt: later(ttlSeconds * 1000).toISOString(),
      });
      // Sent again two hours later (a rebuilt copy): still one row each, the first send kept.
      await syncPage(db, nurse, request(later(2 * hour)));
      const rows = await ledger(nurse.sessionId);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        firstSentAt: start.toISOString(),
        sentAt: later(2 * hour).toISOString(),
        expiresAt: later(2 * hour + ttlSeconds * 1000).toISOString(),
      });
    });

    it("renews the copy's expiry for patients still on the user's wards, only once it lags", async () => {
      const nurse = await oakNurse();
      const first = await syncPage(db, nurse, request(start));
      // A round a minute later sends nothing new and leaves the rows alone (they do not lag).
      const quiet = await syncPage(db, nurse, { ...request(later(60_000)), cursor: first.nextCursor });
      expect(quiet.upserts).toEqual([]);
      expect(new Set((await ledger(nurse.sessionId)).map((row) => row.expiresAt))).toEqual(
        new Set([later(ttlSeconds * 1000).toISOString()]),
      );
      // Later than the refresh interval: every patient still in the copy gets the new expiry.
      const renewAt = later(copyLifeRefreshMs + 60_000);
      await syncPage(db, nurse, { ...request(renewAt), cursor: quiet.nextCursor });
      expect(new Set((await ledger(nurse.sessionId)).map((row) => row.expiresAt))).toEqual(
        new Set([new Date(renewAt.getTime() + ttlSeconds * 1000).toISOString()]),
      );
    });

    it("believes reads inside the copy's life and refuses the rest, with reasons and one refusal row", async () => {
      const nurse = await oakNurse();
      await syncPage(db, nurse, request(start));
      const now = later(3 * hour);
      const inside = patientRead(oak[0]!, later(2 * hour));
      const ward = {
        eventId: randomUUID(),
        action: "ward.view",
        at: later(2 * hour).toISOString(),
        stayId: null,
        patientId: null,
        wardId: oakWard,
      };
      const before = patientRead(oak[1]!, later(-hour));
      const elsewhere = patientRead(elm, later(2 * hour));
      const answer = await recordOfflineReads(db, nurse, [inside, ward, before, elsewhere], now);
      expect(answer).toEqual({
        recorded: 2,
        alreadyRecorded: 0,
        refused: [
          { eventId: before.eventId, reason: "before-copy" },
          { eventId: elsewhere.eventId, reason: "not-sent" },
        ],
      });
      const views = await auditOf(db, nurse.userId, "patient.view");
      const reported = views.filter((row) => row.detail.via === "device-report");
      expect(reported).toMatchObject([{ patient_id: oak[0]!.patientId, ward_id: oakWard }]);
      expect(await auditOf(db, nurse.userId, "ward.view")).toMatchObject([
        { ward_id: oakWard, patient_id: null, detail: { via: "device-report", eventId: ward.eventId } },
      ]);
      const refusal = await auditOf(db, nurse.userId, "audit.offline.refused");
      expect(refusal).toMatchObject([
        {
          outcome: "refused",
          detail: {
            refused: 2,
            "before-copy": 1,
            "not-sent": 1,
            patientIds: [oak[1]!.patientId, elm.patientId],
          },
        },
      ]);

      // Sent again (a lost response, a second tab): nothing new is recorded, not even the refusal.
      const again = await recordOfflineReads(db, nurse, [inside, ward, before, elsewhere], now);
      expect(again).toMatchObject({ recorded: 0, alreadyRecorded: 2 });
      expect(again.refused).toHaveLength(2);
      expect(await auditOf(db, nurse.userId, "audit.offline.refused")).toHaveLength(1);
      expect((await auditOf(db, nurse.userId, "patient.view")).length).toBe(views.length);
    });

    it("records a document opened offline as document.open of the document's own patient", async () => {
      const nurse = await oakNurse();
      await syncPage(db, nurse, request(start));
      const documentOf = async (patientId: string) => {
        const { rows } = await db.query<{ id: string }>(
          `INSERT INTO document (facility_id, patient_id, external_id, kind, title, content_type, bytes, sha256, storage_key, produced_at)
           SELECT facility_id, id, $2, 'mar', 'MAR', 'application/pdf', 10, 'x', $2, $3 FROM patient WHERE id = $1
           RETURNING id`,
          [patientId, randomUUID(), start],
        );
        return rows[0]!.id;
      };
      const onOak = await documentOf(oak[0]!.patientId);
      const onElm = await documentOf(elm.patientId);
      const open = (documentId: string, claimedPatient: string): OfflineReadUpload => ({
        eventId: randomUUID(),
        action: "document.open",
        at: later(hour).toISOString(),
        stayId: null,
        patientId: claimedPatient,
        wardId: null,
        documentId,
      });
      const mine = open(onOak, oak[0]!.patientId);
      // Naming a patient of the copy does not make another ward's document readable.
      const disguised = open(onElm, oak[0]!.patientId);
      const unknown = open(randomUUID(), oak[0]!.patientId);
      const answer = await recordOfflineReads(db, nurse, [mine, disguised, unknown], later(2 * hour));
      expect(answer).toEqual({
        recorded: 1,
        alreadyRecorded: 0,
        refused: [
          { eventId: disguised.eventId, reason: "not-sent" },
          { eventId: unknown.eventId, reason: "incomplete" },
        ],
      });
      expect(await auditOf(db, nurse.userId, "document.open")).toMatchObject([
        {
          patient_id: oak[0]!.patientId,
          document_id: onOak,
          detail: { via: "device-report", eventId: mine.eventId },
        },
      ]);
    });

    it("believes a read from the same device's earlier session, never another device's", async () => {
      const nurse = await oakNurse();
      await syncPage(db, nurse, request(start));
      const nextShift = { ...nurse, sessionId: randomUUID() };
      const read = patientRead(oak[0]!, later(hour), nurse.sessionId);
      const answer = await recordOfflineReads(db, nextShift, [read], later(9 * hour));
      expect(answer.recorded).toBe(1);
      const [row] = (await auditOf(db, nurse.userId, "patient.view")).filter(
        (audit) => audit.detail.via === "device-report",
      );
      expect(row?.detail).toMatchObject({ uploadSessionId: nextShift.sessionId });

      const otherPc = { ...nurse, sessionId: randomUUID(), deviceId: "PC-ELSEWHERE" };
      const fromThere = patientRead(oak[1]!, later(hour), nurse.sessionId);
      expect((await recordOfflineReads(db, otherPc, [fromThere], later(9 * hour))).refused).toEqual([
        { eventId: fromThere.eventId, reason: "not-sent" },
      ]);
    });

    it("refuses a read after the copy expired, and prunes rows long expired", async () => {
      const nurse = await oakNurse();
      await syncPage(db, nurse, request(start));
      const late = patientRead(oak[0]!, later(ttlSeconds * 1000 + hour));
      const answer = await recordOfflineReads(db, nurse, [late], later(ttlSeconds * 1000 + 2 * hour));
      expect(answer.refused).toEqual([{ eventId: late.eventId, reason: "after-expiry" }]);

      expect(await ledger(nurse.sessionId)).toHaveLength(2);
      await pruneSyncLedger(db, later(ttlSeconds * 1000 + ledgerGraceMs - 60_000));
      expect(await ledger(nurse.sessionId)).toHaveLength(2);
      await pruneSyncLedger(db, later(ttlSeconds * 1000 + ledgerGraceMs + 60_000));
      expect(await ledger(nurse.sessionId)).toEqual([]);
    });

    it("refuses a role that reads no patients before looking at anything, and audits it", async () => {
      const admin = await createUser(db, ["admin"]);
      const principal = { ...admin.principal, sessionId: randomUUID() };
      await expect(
        recordOfflineReads(db, principal, [patientRead(oak[0]!, start)], start),
      ).rejects.toMatchObject({ code: "forbidden" });
      expect(await auditOf(db, principal.userId, "audit.offline.refused")).toMatchObject([
        { outcome: "refused", detail: { refused: 1, "no-clinical-role": 1 } },
      ]);
    });
  });
}
