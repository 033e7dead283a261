/**
 * Search and sort on names outside ASCII under the C collation, Aurora DSQL's only one. The name
 * columns are forced to COLLATE "C" first, so lower() folds ASCII only and ORDER BY compares
 * bytes, as on DSQL; search must still find and order these patients through the app-computed
 * search keys (lib/adt/name-search-key.ts), on every adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, seedFacilities, send } from "@/lib/access/access.test-kit";
import { backfillPatientNameKeys } from "@/lib/census/patient-name-keys";
import type { Database } from "@/lib/db/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import { searchPatients } from "./search";

const now = new Date("2026-11-20T12:00:00Z");

const names: { family: string; given: string }[] = [
  { family: "Zoë", given: "Anya" },
  { family: "Müller", given: "Jana" },
  { family: "Nguyễn", given: "Văn" },
  { family: "Ørsted", given: "Anders" },
  { family: "Strauß", given: "Anja" },
  { family: "Çelik", given: "Ayşe Ana" },
  { family: "O'Brien", given: "Siân" },
  { family: "Ðorđe", given: "Łukasz" },
  // Many PAS feeds send surnames in capitals: lower() under C would leave "gÜnther".
  { family: "GÜNTHER", given: "Ēriks" },
];

async function admitNamed(db: Database, index: number, family: string, given: string) {
  const event = adtEvent("admit", "2026-11-20T08:00:00Z", {
    facility: "RXD02",
    mrn: `UNI${index}`,
    family,
    visit: { visitNumber: `V-UNI${index}`, location: { ward: "ASH", bed: `B${index}` } },
  });
  event.patient.demographics.givenNames = given;
  event.patient.demographics.birthDate = `1950-01-0${(index % 9) + 1}`;
  await send(db, [event]);
}

for (const target of await reachableDatabases()) {
  describe(`search on names outside ASCII under the C collation on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      for (const column of ["family_name", "given_names", "family_name_key", "given_names_key"]) {
        await db.query(`ALTER TABLE patient ALTER COLUMN ${column} TYPE text COLLATE "C"`);
      }
      await seedFacilities(db);
      for (const [index, { family, given }] of names.entries()) await admitNamed(db, index, family, given);
    }, 120_000);
    afterAll(() => drop());

    async function ashNurse() {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantFacility("RXD02");
      return nurse;
    }

    it("models DSQL: lower() under the C collation leaves non-ASCII capitals alone", async () => {
      const { rows } = await db.query<{ upper: string; matches: boolean }>(
        `SELECT upper(family_name) AS upper, lower(family_name) LIKE '%muller%' AS matches
           FROM patient WHERE mrn = 'UNI1'`,
      );
      // The ü is left as it is, and no accent is stripped: lower() could never find "MÜLLER".
      expect(rows[0]).toEqual({ upper: "MüLLER", matches: false });
    });

    it.each([
      ["MÜLLER", "Müller"],
      ["muller", "Müller"],
      ["SIÂN", "O'Brien"],
      ["zoe", "Zoë"],
      ["ZOË", "Zoë"],
      ["lukasz", "Ðorđe"],
      ["ŁUKASZ", "Ðorđe"],
      ["orsted", "Ørsted"],
      ["dorde", "Ðorđe"],
      ["NGUYEN", "Nguyễn"],
      ["nguyễn", "Nguyễn"],
      ["celik", "Çelik"],
      ["strauss", "Strauß"],
      ["STRAUß", "Strauß"],
      ["obrien", "O'Brien"],
      ["günther", "GÜNTHER"],
      ["Gunther", "GÜNTHER"],
      ["ERIKS", "GÜNTHER"],
      ["O’Brien", "O'Brien"],
      ["o'brien sian", "O'Brien"],
    ])("%s finds %s", async (query, family) => {
      const nurse = await ashNurse();
      const result = await searchPatients(db, nurse.principal, query, now);
      expect(result.records.map((record) => record.patient.familyName)).toEqual([family]);
    });

    it("sorts by the folded name, not by bytes", async () => {
      const nurse = await ashNurse();
      // "an" is in every given name but Łukasz's and Ēriks's (Văn folds to "van", Siân to "sian").
      const result = await searchPatients(db, nurse.principal, "an", now);
      // Byte order would put Çelik and Ørsted after Zoë.
      expect(result.records.map((record) => record.patient.familyName)).toEqual([
        "Çelik",
        "Müller",
        "Nguyễn",
        "O'Brien",
        "Ørsted",
        "Strauß",
        "Zoë",
      ]);
    });

    it("picks out a patient outside scope by the folded surname and birth date", async () => {
      const oakNurse = await createUser(db, ["clinician"]);
      await oakNurse.grantWard("RXD01", "OAK");
      const result = await searchPatients(db, oakNurse.principal, "MULLER 02/01/1950", now);
      expect(result.records).toEqual([]);
      expect(result.candidates.map((candidate) => candidate.familyName)).toEqual(["Müller"]);
    });

    it("backfills the keys of rows written before them, and a second run changes nothing", async () => {
      await db.query(
        `INSERT INTO patient (facility_id, mrn, family_name, given_names, demographics_at)
         SELECT id, 'OLD1', 'GÖTZE', 'Ærwin', now() FROM facility WHERE code = 'RXD02'`,
      );
      expect(await backfillPatientNameKeys(db, 2)).toBeGreaterThanOrEqual(1);
      const { rows } = await db.query<{ family_name_key: string; given_names_key: string }>(
        "SELECT family_name_key, given_names_key FROM patient WHERE mrn = 'OLD1'",
      );
      expect(rows[0]).toEqual({ family_name_key: "gotze", given_names_key: "aerwin" });
      expect(await backfillPatientNameKeys(db, 2)).toBe(0);
    });
  });
}
