/**
 * Attack: a clinician trawls records outside their wards through break-glass, typing whatever gets
 * past the reason box ("aaaaaaaaaaaaaaaa", "help help help") and opening one patient after another.
 * Played through POST /api/patients/{id}/break-glass as the app serves it (the session layer is a
 * fixed principal): reasons that say nothing are refused, more than 5 grants an hour are refused
 * with 429 and Retry-After, a burst alerts IG once, and every refusal is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { testPrincipal } from "@/test/principals.test-kit";
import { startTestApp } from "@/test/route-app.test-kit";

const signedIn: { current: Principal | null } = { current: null };
vi.mock("@/lib/server/auth/current-principal", () => ({ currentPrincipal: async () => signedIn.current }));

startTestApp();
const breakGlass = await import("@/app/api/patients/[id]/break-glass/route");
const { getAppContext } = await import("@/lib/runtime/app-context");

const open = (patientId: string, reason: string) =>
  breakGlass.POST(
    new Request(`http://localhost/api/patients/${patientId}/break-glass`, {
      method: "POST",
      body: JSON.stringify({ reason }),
      headers: { "Content-Type": "application/json" },
    }),
    { params: Promise.resolve({ id: patientId }) },
  );

describe("trawling records through break-glass", () => {
  let patients: string[];
  let clinician: Principal;
  beforeAll(async () => {
    const { db } = await getAppContext();
    patients = (await db.query<{ id: string }>("SELECT id FROM patient ORDER BY id LIMIT 7")).rows.map(
      (row) => row.id,
    );
    const { rows } = await db.query<{ id: string }>(
      "SELECT id FROM staff_user WHERE username = 'demo\\clinician'",
    );
    clinician = testPrincipal(["clinician"], { userId: rows[0]!.id, username: "demo\\clinician" });
    signedIn.current = clinician;
  });
  afterAll(async () => (await getAppContext()).db.close());

  const audit = async (action: string) => {
    const { db } = await getAppContext();
    const { rows } = await db.query<{ detail: string; reason: string | null }>(
      "SELECT detail, reason FROM audit_event WHERE action = $1 AND user_id = $2 ORDER BY recorded_at",
      [action, clinician.userId],
    );
    return rows;
  };

  it("refuses reasons that say nothing, and records each refusal without the text", async () => {
    for (const junk of [
      "aaaaaaaaaaaaaaaaaaaa",
      "help help help help",
      "emergency access",
      "urgent!!! 1234567890",
    ]) {
      const response = await open(patients[0]!, junk);
      expect(response.status).toBe(400);
      expect((await response.json()).detail).toMatch(/few words|at least 3 different words/);
    }
    const refused = await audit("break-glass.refused");
    expect(refused.map((row) => JSON.parse(row.detail).reason)).toEqual([
      "repeated-character",
      "repeated-word",
      "too-few-words",
      "too-few-words",
    ]);
    expect(refused.every((row) => row.reason === null)).toBe(true);
  });

  it("stops at 5 grants an hour (429, Retry-After), alerting IG once when they come in a burst", async () => {
    const reason = "Covering nights across the site, asked to review";
    for (const patient of patients.slice(0, 5)) expect((await open(patient, reason)).status).toBe(201);
    const sixth = await open(patients[5]!, reason);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("Retry-After"))).toBeGreaterThan(55 * 60);
    expect((await sixth.json()).detail).toMatch(/5 times in the last hour/);
    expect((await open(patients[6]!, reason)).status).toBe(429);

    expect(await audit("break-glass.granted")).toHaveLength(5);
    expect((await audit("break-glass.burst")).map((row) => JSON.parse(row.detail).grants)).toEqual([3]);
    const throttled = (await audit("break-glass.refused")).filter(
      (row) => JSON.parse(row.detail).reason === "too-many-grants",
    );
    expect(throttled).toHaveLength(2);
  });
});
