/** Patient record and document reads: scope, break-glass (flagged) and refusals, on every database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, insertDocument, seedFacilities } from "@/lib/access/access.test-kit";
import { grantBreakGlass } from "@/lib/access/break-glass";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { documentForReading, patientRecord } from "./patient-record";
import { adt, auditOf } from "./ward-list.test-kit";

const now = new Date("2026-11-20T12:00:00Z");
const reason = "Covering Elm overnight, asked to review";

for (const target of await reachableDatabases()) {
  describe(`patient record on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let onOak: { stayId: string; patientId: string };
    let onElm: { stayId: string; patientId: string };
    let oakDocument: string;
    let elmDocument: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      onOak = await adt(db, { ward: "OAK", bed: "B3", mrn: "P-OAK" });
      onElm = await adt(db, { ward: "ELM", bed: "B4", mrn: "P-ELM" });
      oakDocument = await insertDocument(db, onOak.patientId);
      elmDocument = await insertDocument(db, onElm.patientId);
    });
    afterAll(() => drop());

    async function oakNurse() {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      return nurse;
    }

    it("shows a patient on the user's ward, audited as a view", async () => {
      const nurse = await oakNurse();
      const record = await patientRecord(db, nurse.principal, onOak.stayId, now);
      expect(record).toMatchObject({
        stayId: onOak.stayId,
        access: "scope",
        wardName: "Oak",
        facilityName: "Riverside",
        bed: "B3",
        patient: { patientId: onOak.patientId, mrn: "P-OAK" },
        documents: [{ documentId: oakDocument }],
      });
      expect(await auditOf(db, nurse.principal.userId, "patient.view")).toMatchObject([
        { outcome: "success", patient_id: onOak.patientId, break_glass: false },
      ]);
    });

    it("refuses a patient on another ward, audited as refused", async () => {
      const nurse = await oakNurse();
      await expect(patientRecord(db, nurse.principal, onElm.stayId, now)).rejects.toMatchObject({
        code: "forbidden",
      });
      expect(await auditOf(db, nurse.principal.userId, "patient.view")).toMatchObject([
        { outcome: "refused", patient_id: onElm.patientId },
      ]);
    });

    it("shows a patient elsewhere through break-glass, flagged in the audit log", async () => {
      const nurse = await oakNurse();
      await grantBreakGlass(db, nurse.principal, { patientId: onElm.patientId, reason, now });
      const record = await patientRecord(db, nurse.principal, onElm.stayId, now);
      expect(record).toMatchObject({ access: "break-glass", wardName: "Elm" });
      expect(await auditOf(db, nurse.principal.userId, "patient.view")).toMatchObject([
        { outcome: "success", patient_id: onElm.patientId, break_glass: true },
      ]);
      // The grant expires: an hour later the same read is refused.
      const later = new Date(now.getTime() + 61 * 60_000);
      await expect(patientRecord(db, nurse.principal, onElm.stayId, later)).rejects.toMatchObject({
        code: "forbidden",
      });
    });

    it("answers not found for an unknown or malformed stay id", async () => {
      const nurse = await oakNurse();
      for (const id of ["9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", "1 OR 1=1"]) {
        await expect(patientRecord(db, nurse.principal, id, now)).rejects.toMatchObject({
          code: "not_found",
        });
      }
    });

    it("opens a document of a patient in scope, audited as document.open", async () => {
      const nurse = await oakNurse();
      const document = await documentForReading(db, nurse.principal, oakDocument, now);
      expect(document).toMatchObject({
        id: oakDocument,
        patientId: onOak.patientId,
        storageKey: expect.any(String),
      });
      expect(await auditOf(db, nurse.principal.userId, "document.open")).toMatchObject([
        { outcome: "success", document_id: oakDocument, patient_id: onOak.patientId, break_glass: false },
      ]);
    });

    it("refuses a document of another ward's patient (IDOR), audited as refused", async () => {
      const nurse = await oakNurse();
      await expect(documentForReading(db, nurse.principal, elmDocument, now)).rejects.toMatchObject({
        code: "forbidden",
      });
      expect(await auditOf(db, nurse.principal.userId, "document.open")).toMatchObject([
        { outcome: "refused", document_id: elmDocument },
      ]);
    });
  });
}
