/** An open patient screen told where its patient went, on every database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, seedFacilities } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { patientDeparture } from "./patient-departure";
import { adt, auditOf } from "./ward-list.test-kit";

const admitted = "2026-11-20T08:00:00Z";
const left = "2026-11-20T14:02:00Z";
const soon = new Date("2026-11-20T15:00:00Z");

for (const target of await reachableDatabases()) {
  describe(`patient departure on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
    });
    afterAll(() => drop());

    async function oakNurse() {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      return nurse;
    }
    const wardId = async (code: string) =>
      (await db.query<{ id: string }>("SELECT id FROM ward WHERE code = $1", [code])).rows[0]!.id;

    it("says a patient of the reader's ward was discharged from it, and when; audited", async () => {
      const nurse = await oakNurse();
      const { stayId, patientId } = await adt(db, { ward: "OAK", bed: "B1", mrn: "D-1", at: admitted });
      expect(await patientDeparture(db, nurse.principal, stayId, soon)).toBeNull();
      await adt(db, { ward: "OAK", bed: "B1", mrn: "D-1", at: left }, "discharge");
      expect(await patientDeparture(db, nurse.principal, stayId, soon)).toEqual({
        kind: "discharged",
        fromWardId: await wardId("OAK"),
        fromWardName: "Oak",
        at: new Date(left).toISOString(),
      });
      expect(await auditOf(db, nurse.principal.userId, "patient.view")).toMatchObject([
        { outcome: "success", patient_id: patientId },
      ]);
    });

    it("says where a patient moved off the reader's wards went, without a link (no ward id)", async () => {
      const nurse = await oakNurse();
      const { stayId } = await adt(db, { ward: "OAK", bed: "B2", mrn: "T-1", at: admitted });
      await adt(db, { ward: "ELM", bed: "4", mrn: "T-1", at: left }, "transfer");
      expect(await patientDeparture(db, nurse.principal, stayId, soon)).toEqual({
        kind: "moved",
        fromWardId: await wardId("OAK"),
        fromWardName: "Oak",
        toWardName: "Elm",
        toBed: "4",
        at: new Date(left).toISOString(),
      });
    });

    it("tells nobody whose wards the stay was never on, nothing after a day, nothing for a current stay", async () => {
      const ashNurse = await createUser(db, ["clinician"]);
      await ashNurse.grantWard("RXD02", "ASH");
      const { stayId } = await adt(db, { ward: "OAK", bed: "B3", mrn: "X-1", at: admitted });
      await adt(db, { ward: "OAK", bed: "B3", mrn: "X-1", at: left }, "discharge");
      expect(await patientDeparture(db, ashNurse.principal, stayId, soon)).toBeNull();
      expect(await auditOf(db, ashNurse.principal.userId, "patient.view")).toEqual([]);
      const nurse = await oakNurse();
      expect(
        await patientDeparture(db, nurse.principal, stayId, new Date("2026-11-21T14:03:00Z")),
      ).toBeNull();
      const elmNurse = await createUser(db, ["clinician"]);
      await elmNurse.grantWard("RXD01", "ELM");
      const moved = await adt(db, { ward: "OAK", bed: "B5", mrn: "M-1", at: admitted });
      await adt(db, { ward: "ELM", bed: "5", mrn: "M-1", at: left }, "transfer");
      // Now on the reader's ward: the record itself answers.
      expect(await patientDeparture(db, elmNurse.principal, moved.stayId, soon)).toBeNull();
      expect(await patientDeparture(db, nurse.principal, "not-a-uuid", soon)).toBeNull();
    });
  });
}
