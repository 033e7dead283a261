/** Patient search: names, NHS numbers, MRNs, and what outside-scope hits reveal, on every database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, seedFacilities } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { maximumResults, searchPatients } from "./search";
import { adt, auditOf } from "./ward-list.test-kit";

const now = new Date("2026-11-20T12:00:00Z");

for (const target of await reachableDatabases()) {
  describe(`patient search on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      await adt(db, { ward: "OAK", bed: "B1", mrn: "RXD1001", family: "Pritchard", nhsNumber: "4010232137" });
      await adt(db, { ward: "OAK", bed: "B2", mrn: "RXD1002", family: "Richards", nhsNumber: "9876543210" });
      await adt(db, { ward: "ELM", bed: "B1", mrn: "RXD2001", family: "Pritchett", nhsNumber: "9434765919" });
      // A FHIR identifier from a system other than the PAS's is stored qualified by that system.
      await adt(db, {
        ward: "OAK",
        bed: "B3",
        mrn: "https://gp.example/Id/patient|GP7781",
        family: "Ashdown",
      });
    });
    afterAll(() => drop());

    async function oakUser(role: "clinician" | "ward-clerk" = "clinician") {
      const user = await createUser(db, [role]);
      await user.grantWard("RXD01", "OAK");
      return user;
    }

    it("finds by part of a name, case-insensitively, own wards first", async () => {
      const nurse = await oakUser();
      const result = await searchPatients(db, nurse.principal, "pritch", now);
      expect(result.queryType).toBe("name");
      expect(result.hits).toMatchObject([
        {
          outsideScope: false,
          wardName: "Oak",
          bed: "B1",
          patient: { familyName: "Pritchard", mrn: "RXD1001" },
        },
        { outsideScope: true, wardName: "Elm" },
      ]);
      expect((await searchPatients(db, nurse.principal, "CHARD", now)).hits).toHaveLength(2);
    });

    it("gives outside-scope hits no name, identifiers or bed", async () => {
      const nurse = await oakUser();
      const { hits } = await searchPatients(db, nurse.principal, "Pritchett", now);
      expect(hits).toHaveLength(1);
      expect(Object.keys(hits[0]!).sort()).toEqual(["outsideScope", "patientId", "stayId", "wardName"]);
      expect(JSON.stringify(hits)).not.toMatch(/Pritchett|RXD2001|9434765919|B1/);
    });

    it("finds by NHS number with or without spaces, and by MRN in any case", async () => {
      const nurse = await oakUser();
      for (const query of ["401 023 2137", "4010232137"]) {
        const result = await searchPatients(db, nurse.principal, query, now);
        expect(result).toMatchObject({ queryType: "nhs", hits: [{ patient: { mrn: "RXD1001" } }] });
      }
      const byMrn = await searchPatients(db, nurse.principal, "rxd1002", now);
      expect(byMrn).toMatchObject({ queryType: "mrn", hits: [{ patient: { familyName: "Richards" } }] });
      expect((await searchPatients(db, nurse.principal, "RXD100", now)).hits).toEqual([]);
    });

    it("finds and shows a system-qualified MRN by its value, never by a part of it", async () => {
      const nurse = await oakUser();
      const result = await searchPatients(db, nurse.principal, "gp7781", now);
      expect(result).toMatchObject({
        queryType: "mrn",
        hits: [{ patient: { familyName: "Ashdown", mrn: "GP7781" } }],
      });
      expect((await searchPatients(db, nurse.principal, "P7781", now)).hits).toEqual([]);
    });

    it("shows a ward clerk (who cannot break glass) nothing outside scope", async () => {
      const clerk = await oakUser("ward-clerk");
      const { hits } = await searchPatients(db, clerk.principal, "pritch", now);
      expect(hits.map((hit) => hit.outsideScope)).toEqual([false]);
    });

    it("audits the query type but not the query text", async () => {
      const nurse = await oakUser();
      await searchPatients(db, nurse.principal, "Pritchard", now);
      await searchPatients(db, nurse.principal, "401 023 2137", now);
      const rows = await auditOf(db, nurse.principal.userId, "patient.search");
      expect(rows.map((row) => row.detail.queryType)).toEqual(["name", "nhs"]);
      expect(JSON.stringify(rows)).not.toMatch(/Pritchard|4010232137|401 023/);
    });

    it("never returns more than the maximum", async () => {
      for (let i = 0; i < maximumResults + 2; i++) {
        await adt(db, { ward: "ASH", facility: "RXD02", mrn: `MANY${i}`, family: "Manyfold" });
      }
      const nurse = await oakUser();
      const result = await searchPatients(db, nurse.principal, "manyfold", now);
      expect(result.hits).toHaveLength(maximumResults);
      expect(result.truncated).toBe(true);
    });

    it("refuses a role that reads no patients, and a one-letter query", async () => {
      const auditor = await createUser(db, ["ig-auditor"]);
      await expect(searchPatients(db, auditor.principal, "pritch", now)).rejects.toMatchObject({
        code: "forbidden",
      });
      const nurse = await oakUser();
      await expect(searchPatients(db, nurse.principal, "p", now)).rejects.toMatchObject({
        code: "bad_request",
      });
    });
  });
}
