/**
 * Shared set-up for the access, audit and settings integration tests: two facilities with wards,
 * staff users with ward or facility grants, and patients admitted through applyMessage (the same
 * path the feeds use). Test-only; nothing in the app imports it.
 */
import type { AdtEvent } from "@/lib/adt/events";
import type { Principal } from "@/lib/auth/principal";
import { applyMessage } from "@/lib/census/apply-message";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database, Queryable } from "@/lib/db/types";
import { adtEvent } from "@/test/adt-builders.test-kit";
import type { Role } from "./roles";

let seq = 0;

export async function seedFacilities(db: Database): Promise<void> {
  await saveFacilities(db, [
    {
      code: "RXD01",
      name: "Riverside",
      wards: [
        { code: "OAK", name: "Oak", bedCount: 20 },
        { code: "ELM", name: "Elm", bedCount: 20 },
      ],
    },
    { code: "RXD02", name: "Northgate", wards: [{ code: "ASH", name: "Ash", bedCount: 10 }] },
  ]);
}

export async function wardId(db: Queryable, facility: string, ward: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT w.id FROM ward w JOIN facility f ON f.id = w.facility_id WHERE f.code = $1 AND w.code = $2",
    [facility, ward],
  );
  return rows[0]!.id;
}

export async function facilityId(db: Queryable, code: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>("SELECT id FROM facility WHERE code = $1", [code]);
  return rows[0]!.id;
}

export interface TestUser {
  principal: Principal;
  grantWard(facility: string, ward: string): Promise<void>;
  grantFacility(facility: string): Promise<void>;
}

export async function createUser(db: Queryable, roles: Role[]): Promise<TestUser> {
  const username = `trust\\user${++seq}${Date.now() % 100_000}`;
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO staff_user (username, display_name, roles) VALUES ($1, $2, $3) RETURNING id",
    [username, `User ${seq}`, JSON.stringify(roles)],
  );
  const userId = rows[0]!.id;
  const principal: Principal = {
    userId,
    username,
    displayName: `User ${seq}`,
    roles,
    sessionId: "00000000-0000-4000-8000-0000000000aa",
    method: "launcher",
    deviceId: "PC-OAK-1",
    ip: "10.1.2.3",
    userAgent: "vitest",
  };
  return {
    principal,
    async grantWard(facility, ward) {
      await db.query("INSERT INTO user_ward_access (user_id, ward_id) VALUES ($1, $2)", [
        userId,
        await wardId(db, facility, ward),
      ]);
    },
    async grantFacility(facility) {
      await db.query("INSERT INTO user_facility_access (user_id, facility_id) VALUES ($1, $2)", [
        userId,
        await facilityId(db, facility),
      ]);
    },
  };
}

export async function send(db: Database, events: AdtEvent[]): Promise<void> {
  await applyMessage(
    db,
    { source: "pas", controlId: `ACCESS-${++seq}-${Date.now()}`, protocol: "json", events },
    { tombstoneKey: "test-key" },
  );
}

/** Admits a patient (unique MRN and visit) to a ward; returns the patient id. */
export async function admit(db: Database, facility: string, ward: string, mrn: string): Promise<string> {
  await send(db, [
    adtEvent("admit", "2026-11-20T08:00:00Z", {
      facility,
      mrn,
      visit: { visitNumber: `V-${mrn}`, location: { ward, bed: "B1" } },
    }),
  ]);
  return patientId(db, facility, mrn);
}

export async function patientId(db: Queryable, facility: string, mrn: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT p.id FROM patient p JOIN facility f ON f.id = p.facility_id WHERE f.code = $1 AND p.mrn = $2",
    [facility, mrn],
  );
  return rows[0]!.id;
}

export async function insertDocument(db: Queryable, patient: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO document (facility_id, patient_id, external_id, kind, title, content_type, bytes, sha256,
                           storage_key, produced_at)
     SELECT facility_id, id, $2, 'mar', 'Drug chart', 'application/pdf', 10, 'abc', $2, now()
       FROM patient WHERE id = $1
     RETURNING id`,
    [patient, `DOC-${++seq}`],
  );
  return rows[0]!.id;
}

export async function auditRows(db: Queryable, userId: string) {
  const { rows } = await db.query<{
    action: string;
    outcome: string;
    patient_id: string | null;
    ward_id: string | null;
    document_id: string | null;
    break_glass: boolean;
    reason: string | null;
    detail: string;
  }>(
    `SELECT action, outcome, patient_id, ward_id, document_id, break_glass, reason, detail
       FROM audit_event WHERE user_id = $1 ORDER BY occurred_at, recorded_at`,
    [userId],
  );
  return rows;
}
