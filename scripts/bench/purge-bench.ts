/**
 * Purge of 10,000 discharged stays: patients, stays and events are bulk-inserted directly (the
 * census they stand for is not what is measured), then one purge run removes them all.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runPurge } from "@/lib/retention/run-purge";
import { createFileStore } from "@/lib/server/storage/files";
import type { BenchTarget } from "./bench-targets";

const chunk = 2_000; // rows per statement and transaction, under DSQL's 3,000-row limit

export async function purgeBench(makeTarget: () => Promise<BenchTarget>, stays = 10_000) {
  const target = await makeTarget();
  const db = await target.open();
  const root = mkdtempSync(path.join(tmpdir(), "downtime-purge-"));
  try {
    const facility = (await db.query<{ id: string }>("SELECT id FROM facility ORDER BY code LIMIT 1"))
      .rows[0]!.id;
    for (let from = 1; from <= stays; from += chunk) {
      const to = Math.min(stays, from + chunk - 1);
      const range = [facility, from, to];
      await db.query(
        `INSERT INTO patient (facility_id, mrn, family_name, demographics_at, updated_at)
         SELECT $1, 'P' || g, 'Bench', now() - interval '3 days', now() - interval '3 days' FROM generate_series($2::int, $3::int) g`,
        range,
      );
      await db.query(
        `INSERT INTO stay (facility_id, patient_id, visit_number, status, discharged_at, last_event_at)
         SELECT p.facility_id, p.id, 'V' || p.mrn, 'discharged', now() - interval '2 days', now() - interval '2 days'
           FROM patient p WHERE p.facility_id = $1 AND p.mrn IN (SELECT 'P' || g FROM generate_series($2::int, $3::int) g)`,
        range,
      );
      await db.query(
        `INSERT INTO stay_event (stay_id, message_id, kind, trigger_code, event_at, arrival, visit)
         SELECT s.id, gen_random_uuid(), 'discharge', 'A03', s.discharged_at, 1, '{"visitNumber":"x"}'
           FROM stay s WHERE s.facility_id = $1 AND s.visit_number IN (SELECT 'VP' || g FROM generate_series($2::int, $3::int) g)`,
        range,
      );
    }
    const started = performance.now();
    const summary = await runPurge({
      db,
      storage: createFileStore({ root }),
      tombstoneKey: "bench",
      now: new Date(),
      log: { info() {}, warn() {} },
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      database: target.name,
      stays,
      purgedPatients: summary.patients,
      purgedStays: summary.stays,
      purgedEvents: summary.events,
      seconds: Math.round(seconds * 100) / 100,
      staysPerSecond: Math.round(summary.stays / seconds),
    };
  } finally {
    await db.close();
    rmSync(root, { recursive: true, force: true });
    await target.dispose();
  }
}
