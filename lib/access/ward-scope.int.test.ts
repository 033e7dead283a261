/** Ward scope and the patient/document/ward read checks, against every reachable database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { adtEvent } from "@/test/adt-builders.test-kit";
import { reachableDatabases } from "@/test/databases.test-kit";
import {
  admit,
  auditRows,
  createUser,
  insertDocument,
  patientId,
  seedFacilities,
  send,
  wardId,
} from "./access.test-kit";
import {
  assertCanReadDocument,
  assertCanReadPatient,
  assertCanReadWard,
  canReadDocument,
  canReadPatient,
  wardsInScope,
} from "./ward-scope";

const now = new Date("2026-11-20T12:00:00Z");

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

for (const target of await reachableDatabases()) {
  describe(`ward scope on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let onOak: string;
    let onElm: string;
    let onAsh: string;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await seedFacilities(db);
      onOak = await admit(db, "RXD01", "OAK", "OAK-1");
      onElm = await admit(db, "RXD01", "ELM", "ELM-1");
      onAsh = await admit(db, "RXD02", "ASH", "ASH-1");
    });
    afterAll(() => drop());

    it("lets a clinician read a patient on their ward and refuses one on another ward, audited", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      expect(await canReadPatient(db, nurse.principal, onOak, now)).toEqual({ allowed: true, via: "scope" });
      expect(await canReadPatient(db, nurse.principal, onElm, now)).toEqual({ allowed: false });

      expect(await assertCanReadPatient(db, nurse.principal, onOak, now)).toMatchObject({ via: "scope" });
      const error = await refusal(assertCanReadPatient(db, nurse.principal, onElm, now));
      expect(error.code).toBe("forbidden");
      expect(error.message).not.toContain(onElm);
      expect(await auditRows(db, nurse.principal.userId)).toMatchObject([
        { action: "patient.view", outcome: "refused", patient_id: onElm, break_glass: false },
      ]);
    });

    it("covers every ward of a granted facility, and no ward of another", async () => {
      const clerk = await createUser(db, ["ward-clerk"]);
      await clerk.grantFacility("RXD01");
      const scope = await wardsInScope(db, clerk.principal.userId);
      expect(scope.sort()).toEqual(
        [await wardId(db, "RXD01", "ELM"), await wardId(db, "RXD01", "OAK")].sort(),
      );
      expect((await canReadPatient(db, clerk.principal, onOak, now)).allowed).toBe(true);
      expect((await canReadPatient(db, clerk.principal, onElm, now)).allowed).toBe(true);
      expect((await canReadPatient(db, clerk.principal, onAsh, now)).allowed).toBe(false);
    });

    it("unions ward and facility grants without duplicates", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      await nurse.grantWard("RXD02", "ASH");
      await nurse.grantFacility("RXD01");
      expect(await wardsInScope(db, nurse.principal.userId)).toHaveLength(3);
    });

    it("refuses an admin without a clinical role, even with the ward granted", async () => {
      const admin = await createUser(db, ["admin", "ig-auditor"]);
      await admin.grantFacility("RXD01");
      expect(await canReadPatient(db, admin.principal, onOak, now)).toEqual({ allowed: false });
      expect(
        (await refusal(assertCanReadWard(db, admin.principal, await wardId(db, "RXD01", "OAK")))).code,
      ).toBe("forbidden");
    });

    it("refuses a document of a patient on another ward (IDOR), audited", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      const own = await insertDocument(db, onOak);
      const other = await insertDocument(db, onElm);
      expect(await canReadDocument(db, nurse.principal, own, now)).toEqual({
        allowed: true,
        via: "scope",
        patientId: onOak,
      });
      expect(await canReadDocument(db, nurse.principal, other, now)).toEqual({ allowed: false });
      expect(await canReadDocument(db, nurse.principal, "not-a-uuid", now)).toEqual({ allowed: false });
      expect((await refusal(assertCanReadDocument(db, nurse.principal, other, now))).code).toBe("forbidden");
      expect(await assertCanReadDocument(db, nurse.principal, own, now)).toMatchObject({ patientId: onOak });
      expect(await auditRows(db, nurse.principal.userId)).toMatchObject([
        { action: "document.open", outcome: "refused", document_id: other },
      ]);
    });

    it("does not read a discharged patient through scope", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      const gone = await admit(db, "RXD01", "OAK", "OAK-GONE");
      expect((await canReadPatient(db, nurse.principal, gone, now)).allowed).toBe(true);
      await send(db, [
        adtEvent("discharge", "2026-11-20T11:00:00Z", {
          mrn: "OAK-GONE",
          visit: { visitNumber: "V-OAK-GONE" },
        }),
      ]);
      expect((await canReadPatient(db, nurse.principal, gone, now)).allowed).toBe(false);
    });

    it("follows a merge: the prior record's id reads through the survivor's stay", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      const prior = await admit(db, "RXD01", "OAK", "MERGE-OLD");
      const merge = adtEvent("merge", "2026-11-20T09:00:00Z", { mrn: "MERGE-NEW", visit: null });
      merge.mergedFrom = { mrn: "MERGE-OLD" };
      await send(db, [merge]);
      const survivor = await patientId(db, "RXD01", "MERGE-NEW");
      expect(survivor).not.toBe(prior);
      expect((await canReadPatient(db, nurse.principal, survivor, now)).allowed).toBe(true);
      expect((await canReadPatient(db, nurse.principal, prior, now)).allowed).toBe(true);
    });

    it("checks wards: in scope passes, out of scope and malformed ids are refused and audited", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantWard("RXD01", "OAK");
      await assertCanReadWard(db, nurse.principal, await wardId(db, "RXD01", "OAK"), now);
      const elm = await wardId(db, "RXD01", "ELM");
      expect((await refusal(assertCanReadWard(db, nurse.principal, elm, now))).code).toBe("forbidden");
      expect((await refusal(assertCanReadWard(db, nurse.principal, "../etc", now))).code).toBe("forbidden");
      expect(await auditRows(db, nurse.principal.userId)).toMatchObject([
        { action: "ward.view", outcome: "refused", ward_id: elm },
        { action: "ward.view", outcome: "refused", ward_id: null },
      ]);
    });

    it("refuses unknown and malformed patient ids the same way", async () => {
      const nurse = await createUser(db, ["clinician"]);
      await nurse.grantFacility("RXD01");
      expect(await canReadPatient(db, nurse.principal, "00000000-0000-4000-8000-000000000000", now)).toEqual({
        allowed: false,
      });
      expect(await canReadPatient(db, nurse.principal, "1 OR 1=1", now)).toEqual({ allowed: false });
    });
  });
}
