/** The ward list and ward switcher, against every reachable database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, insertDocument, seedFacilities, wardId } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { reachableDatabases } from "@/test/databases.test-kit";
import { myWards, wardCensus } from "./ward-census";
import { adt, auditOf, listEventsOf } from "./ward-list.test-kit";

const now = new Date("2026-11-20T12:00:00Z");

for (const target of await reachableDatabases()) {
  describe(`ward list on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let oak: string;
    let elm: string;
    let documentId: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      oak = await wardId(db, "RXD01", "OAK");
      elm = await wardId(db, "RXD01", "ELM");
      for (const [mrn, bed] of [
        ["W10", "B10"],
        ["W2", "B2"],
        ["WX", undefined],
        ["W1", "B1"],
      ] as const) {
        await adt(db, { ward: "OAK", bed, mrn, family: `Family-${mrn}` });
      }
      const w2 = await adt(db, { ward: "OAK", bed: "B2", mrn: "W2" }, "update");
      documentId = await insertDocument(db, w2.patientId);
      await adt(db, { ward: "OAK", bed: "B5", mrn: "GONE" });
      await adt(db, { ward: "OAK", bed: "B5", mrn: "GONE", at: "2026-11-20T09:00:00Z" }, "discharge");
      await adt(db, { ward: "ELM", bed: "B1", mrn: "E1" });
    });
    afterAll(() => drop());

    it("lists the ward's current patients by bed, no bed last, with documents and history", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      const census = await wardCensus(db, nurse.principal, oak, now);
      expect(census.ward).toEqual({
        id: oak,
        code: "OAK",
        name: "Oak",
        facilityCode: "RXD01",
        facilityName: "Riverside",
        bedCount: 20,
      });
      expect(census.asOf).toEqual(now);
      expect(census.entries.map((entry) => [entry.bed, entry.patient.mrn])).toEqual([
        ["B1", "W1"],
        ["B2", "W2"],
        ["B10", "W10"],
        [null, "WX"],
      ]);
      const w2 = census.entries[1]!;
      expect(w2.documents).toMatchObject([{ documentId, kind: "mar", title: "Drug chart", bytes: 10 }]);
      expect(w2.history[0]).toMatchObject({ kind: "admit", ward: "OAK", bed: "B2" });
      expect(w2.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      expect(w2.patient).toMatchObject({ familyName: "Jones", birthDate: "1945-03-02", published: {} });
    });

    it("audits one ward view listing the patients shown, and opens none of them", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      const census = await wardCensus(db, nurse.principal, oak, now);
      expect(await auditOf(db, nurse.principal.userId, "ward.view")).toMatchObject([
        { outcome: "success", ward_id: oak, detail: { via: "ward-list", patients: 4 } },
      ]);
      const [view] = await listEventsOf(db, nurse.principal.userId, "ward.view");
      expect(view!.patientIds).toEqual(census.entries.map((entry) => entry.patient.patientId).sort());
      expect(view!.listedAs).toEqual(["ward.view"]);
      expect(await auditOf(db, nurse.principal.userId, "patient.view")).toEqual([]);
    });

    it("refuses another ward, audited as refused, with no patient rows", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      const error = await wardCensus(db, nurse.principal, elm, now).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("forbidden");
      expect(await auditOf(db, nurse.principal.userId, "ward.view")).toMatchObject([
        { outcome: "refused", ward_id: elm },
      ]);
      expect(await auditOf(db, nurse.principal.userId, "patient.view")).toEqual([]);
    });

    it("refuses an admin with a ward grant but no clinical role", async () => {
      const admin = await createUser(db, ["admin"]);
      await admin.grantWard("RXD01", "OAK");
      await expect(wardCensus(db, admin.principal, oak, now)).rejects.toMatchObject({ code: "forbidden" });
      expect(await myWards(db, admin.principal)).toEqual([]);
    });

    it("lists the wards in scope with their counts for the switcher", async () => {
      const clerk = await createUser(db, ["ward-clerk"]);
      await clerk.grantFacility("RXD01");
      await adt(db, { ward: "ELM", bed: "B2", mrn: "E2" }, "pre-admit");
      const wards = await myWards(db, clerk.principal);
      expect(wards).toMatchObject([
        { code: "ELM", facilityName: "Riverside", occupied: 1, onLeave: 0, preAdmitted: 1 },
        { code: "OAK", bedCount: 20, occupied: 4, onLeave: 0, preAdmitted: 0 },
      ]);
    });
  });
}
