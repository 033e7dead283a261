/** Patient search inside the user's scope: names, NHS numbers, MRNs, grants, limits, on every database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, seedFacilities } from "@/lib/access/access.test-kit";
import { grantBreakGlass } from "@/lib/access/break-glass";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { currentStayOf } from "./patient-record";
import { maximumResults, searchPatients } from "./search";
import { adt, auditOf } from "./ward-list.test-kit";

const now = new Date("2026-11-20T12:00:00Z");

for (const target of await reachableDatabases()) {
  describe(`patient search on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let elm: { stayId: string; patientId: string };
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      await adt(db, { ward: "OAK", bed: "B1", mrn: "RXD1001", family: "Pritchard", nhsNumber: "4010232137" });
      await adt(db, { ward: "OAK", bed: "B2", mrn: "RXD1002", family: "Richards", nhsNumber: "9876543210" });
      elm = await adt(db, {
        ward: "ELM",
        bed: "B1",
        mrn: "RXD2001",
        family: "Pritchett",
        nhsNumber: "9434765919",
      });
      // A FHIR identifier from a system other than the PAS's is stored qualified by that system.
      await adt(db, {
        ward: "OAK",
        bed: "B3",
        mrn: "https://gp.example/Id/patient|GP7781",
        family: "Ashdown",
        nhsNumber: "9000000009",
      });
    });
    afterAll(() => drop());

    async function oakUser(role: "clinician" | "ward-clerk" = "clinician") {
      const user = await createUser(db, [role]);
      await user.grantWard("RXD01", "OAK");
      return user;
    }

    it("finds by part of a name, case-insensitively, and shows ward and bed", async () => {
      const nurse = await oakUser();
      const result = await searchPatients(db, nurse.principal, "pritch", now);
      expect(result.queryType).toBe("name");
      expect(result.records).toMatchObject([
        {
          access: "scope",
          wardName: "Oak",
          bed: "B1",
          patient: { familyName: "Pritchard", mrn: "RXD1001" },
        },
      ]);
      expect((await searchPatients(db, nurse.principal, "CHARD", now)).records).toHaveLength(2);
    });

    it("finds by NHS number with or without spaces, and by MRN in any case", async () => {
      const nurse = await oakUser();
      for (const query of ["401 023 2137", "4010232137"]) {
        const result = await searchPatients(db, nurse.principal, query, now);
        expect(result).toMatchObject({ queryType: "nhs", records: [{ patient: { mrn: "RXD1001" } }] });
      }
      const byMrn = await searchPatients(db, nurse.principal, "rxd1002", now);
      expect(byMrn).toMatchObject({ queryType: "mrn", records: [{ patient: { familyName: "Richards" } }] });
      expect((await searchPatients(db, nurse.principal, "RXD100", now)).records).toEqual([]);
    });

    it("finds by surname and birth date, in either form", async () => {
      const nurse = await oakUser();
      for (const query of ["Richards 02/03/1945", "richards 1945-03-02"]) {
        const result = await searchPatients(db, nurse.principal, query, now);
        expect(result).toMatchObject({ queryType: "name-birth-date", records: [{ bed: "B2" }] });
      }
      expect((await searchPatients(db, nurse.principal, "Richards 03/02/1945", now)).records).toEqual([]);
    });

    it("finds and shows a system-qualified MRN by its value, never by a part of it", async () => {
      const nurse = await oakUser();
      const result = await searchPatients(db, nurse.principal, "gp7781", now);
      expect(result).toMatchObject({
        queryType: "mrn",
        records: [{ patient: { familyName: "Ashdown", mrn: "GP7781" } }],
      });
      expect((await searchPatients(db, nurse.principal, "P7781", now)).records).toEqual([]);
    });

    it("shows a ward clerk (who cannot break glass) nothing outside scope, not even a count", async () => {
      const clerk = await oakUser("ward-clerk");
      const byName = await searchPatients(db, clerk.principal, "pritch", now);
      expect(byName).toMatchObject({ records: [{ wardName: "Oak" }], candidates: [], outsideCount: 0 });
      const byNhs = await searchPatients(db, clerk.principal, "9434765919", now);
      expect(byNhs).toMatchObject({ records: [], candidates: [], outsideCount: 0 });
    });

    it("after break-glass, the patient is a record (flagged) and their stay opens", async () => {
      const nurse = await oakUser();
      await expect(currentStayOf(db, nurse.principal, elm.patientId, now)).rejects.toMatchObject({
        code: "forbidden",
      });
      await grantBreakGlass(db, nurse.principal, {
        patientId: elm.patientId,
        reason: "covering Elm ward tonight, asked to review",
        now,
      });
      expect(await currentStayOf(db, nurse.principal, elm.patientId, now)).toBe(elm.stayId);
      const result = await searchPatients(db, nurse.principal, "pritchett", now);
      expect(result).toMatchObject({
        records: [{ access: "break-glass", stayId: elm.stayId, wardName: "Elm", bed: "B1" }],
        candidates: [],
        outsideCount: 0,
      });
      const hits = await auditOf(db, nurse.principal.userId, "patient.search.hit");
      expect(hits).toMatchObject([
        { patient_id: elm.patientId, break_glass: true, detail: { shownAs: "record" } },
      ]);
      // Once the grant has expired, a candidate again.
      const later = new Date(now.getTime() + 2 * 3_600_000);
      const after = await searchPatients(db, nurse.principal, "9434765919", later);
      expect(after).toMatchObject({ records: [], candidates: [{ familyName: "Pritchett" }] });
    });

    it("never returns more than the maximum", async () => {
      for (let i = 0; i < maximumResults + 2; i++) {
        await adt(db, { ward: "ASH", facility: "RXD02", mrn: `MANY${i}`, family: "Manyfold" });
      }
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantFacility("RXD02");
      const result = await searchPatients(db, nurse.principal, "manyfold", now);
      expect(result.records).toHaveLength(maximumResults);
      expect(result.truncated).toBe(true);
    });

    it("refuses a role that reads no patients, and a one-letter query, auditing both", async () => {
      const auditor = await createUser(db, ["ig-auditor"]);
      await expect(searchPatients(db, auditor.principal, "pritch", now)).rejects.toMatchObject({
        code: "forbidden",
      });
      expect(await auditOf(db, auditor.principal.userId, "patient.search")).toMatchObject([
        { outcome: "refused", detail: { query: "pritch" } },
      ]);
      const nurse = await oakUser();
      await expect(searchPatients(db, nurse.principal, "p", now)).rejects.toMatchObject({
        code: "bad_request",
      });
      expect(await auditOf(db, nurse.principal.userId, "patient.search")).toMatchObject([
        { outcome: "failure", detail: { query: "p", queryType: "invalid" } },
      ]);
    });
  });
}
