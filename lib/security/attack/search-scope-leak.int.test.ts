/**
 * Attack: a clinician uses the staff search to find out where patients on other wards are (a
 * neighbour, a celebrity, an ex-partner), by NHS number, MRN or a bare surname, and reads the
 * answer the browser receives. Played through the search and break-glass server actions (the
 * session layer is a fixed principal, the app context a fresh database of each adapter): outside
 * the user's wards an exact identifier or surname + birth date shows name, birth date and sex only
 * (no ward, bed, facility or stay anywhere in the payload), a bare surname gives a count and no
 * names, every search is audited with its query and the patients shown, and break-glass opens the
 * record.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser, seedFacilities, type TestUser, wardId } from "@/lib/access/access.test-kit";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/types";
import { adt, auditOf } from "@/lib/ward-list/ward-list.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";

const app: { db: Database | null; principal: Principal | null } = { db: null, principal: null };
vi.mock("@/lib/runtime/app-context", () => ({ getAppContext: async () => ({ db: app.db }) }));
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => app.principal }));

const { searchAction } = await import("@/app/(staff)/search/search-action");
type SearchState = Awaited<ReturnType<typeof searchAction>>;
const { breakGlassAction } = await import("@/app/(staff)/search/break-glass-action");

const search = (q: string) => {
  const form = new FormData();
  form.set("q", q);
  return searchAction({ query: "" }, form);
};

/** The payload without the user's own patient's record, which rightly says where they are. */
function beyondOwnRecord(state: SearchState, ownStayId: string): string {
  const result = state.result!;
  expect(result.records.map((record) => record.stayId)).toEqual([ownStayId]);
  return JSON.stringify({ ...state, result: { ...result, records: [] } });
}

/** Where a redirect from a server action goes (Next's control-flow error), or null. */
async function redirectedTo(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return digest.split(";")[2] ?? null;
  }
}

for (const target of await reachableDatabases()) {
  describe(`search does not say where patients outside scope are, on ${target.dialect}`, () => {
    let drop: () => Promise<void>;
    let nurse: TestUser;
    /** On the nurse's ward (Oak). */
    let ours: { stayId: string; patientId: string };
    /** On Elm, the same site, and at Northgate (Ash): outside the nurse's wards. */
    let elm: { stayId: string; patientId: string };
    let ash: { stayId: string; patientId: string };
    /** Everything that says where the outside patients are. */
    let whereabouts: RegExp;
    let oakId: string;

    beforeAll(async () => {
      let db: Database;
      ({ db, drop } = await target.create());
      app.db = db;
      await seedFacilities(db);
      ours = await adt(db, {
        ward: "OAK",
        bed: "B4",
        mrn: "RXD4001",
        family: "Castellane",
        nhsNumber: "9000000009",
        birthDate: "1950-07-14",
      });
      elm = await adt(db, {
        ward: "ELM",
        bed: "B7",
        mrn: "RXD3001",
        family: "Castellane",
        nhsNumber: "9434765919",
        birthDate: "1950-07-14",
      });
      ash = await adt(db, {
        ward: "ASH",
        facility: "RXD02",
        bed: "SR2",
        mrn: "RXN3002",
        family: "Castellane",
        nhsNumber: "4010232137",
        birthDate: "1962-01-05",
      });
      nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      app.principal = nurse.principal;
      oakId = await wardId(db, "RXD01", "OAK");
      const wards = [await wardId(db, "RXD01", "ELM"), await wardId(db, "RXD02", "ASH")];
      const ids = [elm.stayId, ash.stayId, ...wards].join("|");
      whereabouts = new RegExp(`Elm|Ash|Northgate|Riverside|RXD01|RXD02|B7|SR2|${ids}`);
    });
    afterAll(async () => {
      await drop();
      app.db = null;
    });

    it("an NHS number (with or without spaces) or MRN from another ward: a candidate, and nothing of where", async () => {
      for (const query of ["943 476 5919", "9434765919", "rxd3001"]) {
        const state = await search(query);
        expect(state.error).toBeUndefined();
        expect(state.result).toEqual({
          queryType: query.startsWith("rxd") ? "mrn" : "nhs",
          records: [],
          truncated: false,
          candidates: [
            {
              patientId: elm.patientId,
              familyName: "Castellane",
              givenNames: "Aled",
              title: null,
              birthDate: "1950-07-14",
              sex: "male",
            },
          ],
          outsideCount: 0,
        });
        expect(JSON.stringify(state)).not.toMatch(whereabouts);
      }
    });

    it("a bare surname: the user's own patient with ward and bed, and only a count of the others", async () => {
      const state = await search("castellane");
      expect(state.result).toMatchObject({
        records: [{ stayId: ours.stayId, wardName: "Oak", bed: "B4", access: "scope" }],
        candidates: [],
        outsideCount: 2,
      });
      const rest = beyondOwnRecord(state, ours.stayId);
      expect(rest).not.toMatch(/Castellane|Aled|1950|1962/);
      expect(rest).not.toMatch(new RegExp(`${elm.patientId}|${ash.patientId}`));
      expect(rest).not.toMatch(whereabouts);
    });

    it("surname + birth date: a candidate for the one born that day; a part of the surname, a count", async () => {
      for (const query of ["Castellane 14/07/1950", "castellane 1950-07-14"]) {
        const state = await search(query);
        expect(state.result).toMatchObject({
          queryType: "name-birth-date",
          records: [{ stayId: ours.stayId, bed: "B4" }],
          candidates: [{ patientId: elm.patientId, familyName: "Castellane", birthDate: "1950-07-14" }],
          outsideCount: 0,
        });
        expect(state.result!.candidates).toHaveLength(1);
        expect(beyondOwnRecord(state, ours.stayId)).not.toMatch(whereabouts);
      }
      const partial = await search("Castel 14/07/1950");
      expect(partial.result).toMatchObject({ candidates: [], outsideCount: 1 });
      expect(JSON.stringify(partial.result!.candidates)).toBe("[]");
      const invalid = await search("Castellane 31/02/1950");
      expect(invalid.error).toMatch(/does not exist/);
    });

    it("every search is audited with its query and the patients it showed, which was which", async () => {
      const before = (await auditOf(app.db!, nurse.principal.userId, "patient.search")).length;
      await search("Castellane 14/07/1950");
      const searches = await auditOf(app.db!, nurse.principal.userId, "patient.search");
      expect(searches).toHaveLength(before + 1);
      const row = searches.at(-1)!;
      expect(row).toMatchObject({
        outcome: "success",
        patient_id: null,
        detail: {
          query: "Castellane 14/07/1950",
          queryType: "name-birth-date",
          records: [ours.patientId],
          candidates: [elm.patientId],
          outsideCount: 0,
        },
      });
      const { rows } = await app.db!.query<{ id: string }>(
        `SELECT id FROM audit_event WHERE user_id = $1 AND action = 'patient.search'
          ORDER BY recorded_at DESC LIMIT 1`,
        [nurse.principal.userId],
      );
      const hits = (await auditOf(app.db!, nurse.principal.userId, "patient.search.hit")).filter(
        (hit) => hit.detail.searchId === rows[0]!.id,
      );
      // A record's hit names the ward it was shown on; a candidate's names none (none was shown).
      const shown = hits.map((hit) => [hit.patient_id, hit.detail.shownAs, hit.break_glass, hit.ward_id]);
      expect(shown.sort()).toEqual(
        [
          [elm.patientId, "candidate", false, null],
          [ours.patientId, "record", false, oakId],
        ].sort(),
      );
      // A bare surname showed one record and no candidate: one hit, and the count in the row.
      await search("castellane");
      const bare = (await auditOf(app.db!, nurse.principal.userId, "patient.search")).at(-1)!;
      expect(bare.detail).toMatchObject({ query: "castellane", records: [ours.patientId], candidates: [] });
      expect(bare.detail.outsideCount).toBe(2);
      const allHits = await auditOf(app.db!, nurse.principal.userId, "patient.search.hit");
      expect(allHits.filter((hit) => hit.patient_id === ash.patientId)).toEqual([]);
    });

    it("break-glass from a candidate opens the record, which search then shows with its ward", async () => {
      const form = new FormData();
      form.set("patientId", elm.patientId);
      form.set("reason", "covering Elm ward tonight, asked to review");
      expect(await redirectedTo(() => breakGlassAction({}, form))).toBe(`/patients/${elm.stayId}`);
      const state = await search("943 476 5919");
      expect(state.result).toMatchObject({
        records: [{ stayId: elm.stayId, wardName: "Elm", bed: "B7", access: "break-glass" }],
        candidates: [],
      });
    });
  });
}
