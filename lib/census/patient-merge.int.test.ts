/**
 * A merge of a patient who owns more rows than one Aurora DSQL transaction may modify (the budget
 * in lib/db/transaction-budget.ts, enforced here on every adapter): it completes in batches, is
 * re-runnable when interrupted between them, and never loses or misattributes a row meanwhile.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdtEvent } from "@/lib/adt/events";
import { defaultTransactionBudget } from "@/lib/db/transaction-budget";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { applyMessage } from "./apply-message";
import { saveFacilities } from "./facilities";
import { finishPendingMerges, inlineBatch } from "./patient-merge";
import { mergePatient, upsertPatient } from "./patient-store";

const options = { tombstoneKey: "test-key" };
let seq = 0;
const send = (db: Database, events: AdtEvent[]) =>
  applyMessage(db, { source: "pas", controlId: `MERGE-${++seq}`, protocol: "json", events }, options);

/** More stays and documents than one transaction may modify. */
const stays = defaultTransactionBudget.maxRows + 400;
const documents = 300;

for (const target of await reachableDatabases()) {
  describe(`batched patient merge on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let facilityId: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        { code: "RXD01", name: "Riverside", wards: [{ code: "OAK", name: "Oak", bedCount: 20 }] },
      ]);
      facilityId = (await db.query<{ id: string }>("SELECT id FROM facility WHERE code = 'RXD01'")).rows[0]!
        .id;
    }, 120_000);
    afterAll(() => drop());
    beforeEach(async () => {
      for (const table of ["stay_event", "stay", "document", "patient", "patient_merge", "ingest_message"]) {
        await db.query(`DELETE FROM ${table}`);
      }
    });

    /** A prior patient (MRN OLD) owning `stays` stays and `documents` documents, written directly. */
    async function bulkyPrior(): Promise<string> {
      await send(db, [
        adtEvent("admit", "2026-11-20T08:00:00Z", {
          mrn: "OLD",
          visit: { visitNumber: "V-OLD", location: { ward: "OAK" } },
        }),
      ]);
      const priorId = (await db.query<{ id: string }>("SELECT id FROM patient WHERE mrn = 'OLD'")).rows[0]!
        .id;
      await db.query(
        `INSERT INTO stay (facility_id, patient_id, visit_number, status, last_event_at)
         SELECT $1, $2, 'BULK-' || n, 'discharged', now() FROM generate_series(1, ${stays - 1}) AS n`,
        [facilityId, priorId],
      );
      await db.query(
        `INSERT INTO document (facility_id, patient_id, external_id, kind, title, content_type, bytes, sha256, storage_key, produced_at)
         SELECT $1, $2, 'DOC-' || n, 'letter', 'Letter', 'application/pdf', 1, 'x', 'k' || n, now()
           FROM generate_series(1, ${documents}) AS n`,
        [facilityId, priorId],
      );
      return priorId;
    }

    const owners = async () =>
      (
        await db.query<{ mrn: string; kind: string; n: number | string }>(
          `SELECT p.mrn, 'stay' AS kind, count(*) AS n FROM stay s JOIN patient p ON p.id = s.patient_id GROUP BY p.mrn
           UNION ALL
           SELECT p.mrn, 'document', count(*) FROM document d JOIN patient p ON p.id = d.patient_id GROUP BY p.mrn
           ORDER BY 1, 2`,
        )
      ).rows.map((row) => [row.mrn, row.kind, Number(row.n)]);

    const mergeEvent = () => {
      const merge = adtEvent("merge", "2026-11-20T09:00:00Z", {
        mrn: "NEW",
        visit: null,
        family: "Survivor",
      });
      merge.mergedFrom = { mrn: "OLD" };
      return merge;
    };

    it("moves every row of a patient larger than the transaction budget, in batches", async () => {
      await bulkyPrior();
      expect(await send(db, [mergeEvent()])).toMatchObject({ status: "applied" });
      expect(await owners()).toEqual([
        ["NEW", "document", documents],
        ["NEW", "stay", stays],
      ]);
      expect((await db.query("SELECT 1 FROM patient_merge")).rows).toEqual([]);
      const prior = await db.query<{ merged_into: string | null }>(
        "SELECT merged_into FROM patient WHERE mrn = 'OLD'",
      );
      expect(prior.rows[0]?.merged_into).not.toBeNull();
    }, 120_000);

    it("when interrupted between batches, shows every row under the same person and finishes on a re-run", async () => {
      const priorId = await bulkyPrior();
      // The merge message's transaction commits; the process stops before any follow-up batch.
      await writeTransaction(db, async (tx) => {
        const survivorId = await upsertPatient(
          tx,
          facilityId,
          { mrn: "NEW", demographics: { familyName: "Survivor" } },
          new Date("2026-11-20T09:00:00Z"),
        );
        expect(await mergePatient(tx, facilityId, "OLD", survivorId, new Date("2026-11-20T09:00:00Z"))).toBe(
          true,
        );
      });
      expect(await owners()).toEqual([
        ["NEW", "document", inlineBatch],
        ["NEW", "stay", inlineBatch],
        ["OLD", "document", documents - inlineBatch],
        ["OLD", "stay", stays - inlineBatch],
      ]);
      // A later message for the old MRN already reaches the survivor.
      const late = await db.query<{ merged_into: string }>("SELECT merged_into FROM patient WHERE id = $1", [
        priorId,
      ]);
      expect(late.rows[0]?.merged_into).toBeTruthy();
      expect((await db.query("SELECT prior_id FROM patient_merge")).rows).toEqual([{ prior_id: priorId }]);

      expect(await finishPendingMerges(db)).toBe(1);
      expect(await owners()).toEqual([
        ["NEW", "document", documents],
        ["NEW", "stay", stays],
      ]);
      expect(await finishPendingMerges(db)).toBe(0);
    }, 120_000);

    it("follows a survivor that was merged on again before the batches finished", async () => {
      await bulkyPrior();
      await writeTransaction(db, async (tx) => {
        const survivorId = await upsertPatient(
          tx,
          facilityId,
          { mrn: "MID", demographics: { familyName: "Mid" } },
          new Date("2026-11-20T09:00:00Z"),
        );
        await mergePatient(tx, facilityId, "OLD", survivorId, new Date("2026-11-20T09:00:00Z"));
      });
      const onward = adtEvent("merge", "2026-11-20T10:00:00Z", {
        mrn: "NEW",
        visit: null,
        family: "Survivor",
      });
      onward.mergedFrom = { mrn: "MID" };
      await send(db, [onward]);
      expect(await finishPendingMerges(db)).toBe(0);
      expect(await owners()).toEqual([
        ["NEW", "document", documents],
        ["NEW", "stay", stays],
      ]);
    }, 120_000);
  });
}
