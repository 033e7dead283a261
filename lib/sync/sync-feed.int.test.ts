/** The sync feed, against every reachable database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, insertDocument, seedFacilities, wardId } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { adt, auditOf, listEventsOf } from "@/lib/ward-list/ward-list.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { encodeCursor } from "./sync-cursor";
import { type SyncRequest, syncPage } from "./sync-feed";
import type { SyncPage } from "./sync-types";

const now = new Date("2026-11-20T12:00:00Z");
const request: SyncRequest = { now, cacheTtlSeconds: 43_200, settleSeconds: 0 };

for (const target of await reachableDatabases()) {
  describe(`sync feed on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    const oakStays: string[] = [];
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      for (const bed of ["B1", "B2", "B3"])
        oakStays.push((await adt(db, { ward: "OAK", bed, mrn: `O-${bed}` })).stayId);
      await adt(db, { ward: "ELM", bed: "B1", mrn: "E-B1" });
      for (let i = 1; i <= 5; i++)
        await adt(db, { facility: "RXD02", ward: "ASH", bed: `B${i}`, mrn: `A-${i}` });
    });
    afterAll(() => drop());

    async function userOn(ward: "OAK" | "ASH") {
      const user = await createUser(db, ["clinician"]);
      await user.grantWard(ward === "OAK" ? "RXD01" : "RXD02", ward);
      return user;
    }

    it("sends everything in scope on a first sync, with the live stays, audited as one sync", async () => {
      const nurse = await userOn("OAK");
      const page = await syncPage(db, nurse.principal, request);
      expect(page.upserts.map((entry) => entry.stayId).sort()).toEqual([...oakStays].sort());
      expect(page.upserts.every((entry) => entry.wardCode === "OAK")).toBe(true);
      expect(page).toMatchObject({ hasMore: false, serverTime: now.toISOString(), cacheTtlSeconds: 43_200 });
      // Complete up to the settle horizon (0 s in these tests; see the settle test below).
      expect(page.completeAsOf).toBe(now.toISOString());
      expect(page.liveStayIds?.sort()).toEqual([...oakStays].sort());
      expect(page.scope.wardIds).toEqual([await wardId(db, "RXD01", "OAK")]);
      // A sync is not a view: no patient.view rows, one patient.sync listing the three patients.
      expect(await auditOf(db, nurse.principal.userId, "patient.view")).toHaveLength(0);
      const syncs = await listEventsOf(db, nurse.principal.userId, "patient.sync");
      expect(syncs).toHaveLength(1);
      expect(syncs[0]!.patientIds).toEqual(page.upserts.map((entry) => entry.patient.patientId).sort());
      expect(syncs[0]!.listedAs).toEqual(["patient.sync"]);
    });

    it("pages with limit 2 over 5 entries: each once, in order, live stays on the last page only", async () => {
      const nurse = await userOn("ASH");
      const pages: SyncPage[] = [];
      let cursor: string | undefined;
      do {
        const page = await syncPage(db, nurse.principal, { ...request, cursor, limit: 2 });
        pages.push(page);
        cursor = page.nextCursor;
      } while (pages.at(-1)!.hasMore);
      expect(pages.map((page) => page.upserts.length)).toEqual([2, 2, 1]);
      expect(pages.map((page) => page.liveStayIds === undefined)).toEqual([true, true, false]);
      const sent = pages.flatMap((page) => page.upserts);
      expect(new Set(sent.map((entry) => entry.stayId)).size).toBe(5);
      const keys = sent.map((entry) => `${entry.updatedAt} ${entry.stayId}`);
      expect(keys).toEqual([...keys].sort());
      expect(pages.at(-1)!.liveStayIds).toHaveLength(5);
      // Three pages, one round: ONE patient.sync event listing all five patients.
      const rounds = await listEventsOf(db, nurse.principal.userId, "patient.sync");
      expect(rounds).toHaveLength(1);
      expect(rounds[0]!.patientIds).toEqual(
        [...new Set(sent.map((entry) => entry.patient.patientId))].sort(),
      );

      const again = await syncPage(db, nurse.principal, { ...request, cursor });
      expect(again).toMatchObject({ upserts: [], hasMore: false, nextCursor: cursor });
      expect(again.liveStayIds).toHaveLength(5);

      await adt(
        db,
        { facility: "RXD02", ward: "ASH", bed: "B9", mrn: "A-3", at: "2026-11-20T10:00:00Z" },
        "transfer",
      );
      const changed = await syncPage(db, nurse.principal, { ...request, cursor });
      expect(changed.upserts).toMatchObject([{ bed: "B9", patient: { mrn: "A-3" } }]);
      // The next round is an event of its own, listing only what it sent.
      const after = await listEventsOf(db, nurse.principal.userId, "patient.sync");
      expect(after).toHaveLength(2);
      expect(after[1]!.patientIds).toEqual([changed.upserts[0]!.patient.patientId]);
    });

    it("drops a stay transferred off the user's wards from the next live list", async () => {
      const nurse = await userOn("OAK");
      const first = await syncPage(db, nurse.principal, request);
      const moved = await adt(
        db,
        { ward: "ELM", bed: "B7", mrn: "O-B3", at: "2026-11-20T10:00:00Z" },
        "transfer",
      );
      const next = await syncPage(db, nurse.principal, { ...request, cursor: first.nextCursor });
      expect(next.upserts).toEqual([]);
      expect(next.liveStayIds).not.toContain(moved.stayId);
      expect(next.liveStayIds).toHaveLength(2);
    });

    it("re-sends an entry when a document arrives for its patient", async () => {
      const nurse = await userOn("OAK");
      const first = await syncPage(db, nurse.principal, request);
      const target = first.upserts[0]!;
      const documentId = await insertDocument(db, target.patient.patientId);
      const next = await syncPage(db, nurse.principal, { ...request, cursor: first.nextCursor });
      expect(next.upserts.map((entry) => entry.stayId)).toEqual([target.stayId]);
      expect(next.upserts[0]!.documents.map((document) => document.documentId)).toContain(documentId);
    });

    it("holds back changes younger than the settle time, but lists them as live", async () => {
      const nurse = await userOn("OAK");
      const first = await syncPage(db, nurse.principal, request);
      const fresh = await adt(db, { ward: "OAK", bed: "B8", mrn: "O-B8" });
      const held = await syncPage(db, nurse.principal, {
        ...request,
        cursor: first.nextCursor,
        settleSeconds: 3600,
      });
      expect(held.upserts).toEqual([]);
      expect(held.liveStayIds).toContain(fresh.stayId);
      // The round is complete only up to an hour ago, so the device copy is dated then.
      expect(held.completeAsOf).toBe(new Date(now.getTime() - 3_600_000).toISOString());
      const settled = await syncPage(db, nurse.principal, { ...request, cursor: held.nextCursor });
      expect(settled.upserts.map((entry) => entry.stayId)).toEqual([fresh.stayId]);
    });

    it("refuses a forged cursor and a bad limit; restarts a cursor from another scope", async () => {
      const nurse = await userOn("OAK");
      for (const cursor of ["garbage!", Buffer.from('{"u":"x"}').toString("base64url")]) {
        await expect(syncPage(db, nurse.principal, { ...request, cursor })).rejects.toMatchObject({
          code: "bad_request",
        });
      }
      await expect(syncPage(db, nurse.principal, { ...request, limit: 0 })).rejects.toMatchObject({
        code: "bad_request",
      });
      const stale = encodeCursor({
        updatedAt: "2999-01-01T00:00:00.000000Z",
        stayId: oakStays[0]!,
        scopeVersion: "old",
      });
      const restarted = await syncPage(db, nurse.principal, { ...request, cursor: stale });
      expect(restarted.upserts.length).toBe(restarted.liveStayIds?.length);
      expect(restarted.upserts.length).toBeGreaterThan(0);
    });

    it("gives a role that reads no patients an empty scope, so its cache empties", async () => {
      const admin = await createUser(db, ["admin"]);
      await admin.grantWard("RXD01", "OAK");
      const page = await syncPage(db, admin.principal, request);
      expect(page).toMatchObject({ upserts: [], liveStayIds: [], scope: { wardIds: [] } });
    });
  });
}
