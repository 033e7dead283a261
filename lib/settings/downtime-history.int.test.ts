/** The downtime history the console shows, from the audit log, on every database adapter. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/access/access.test-kit";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { downtimeHistory } from "./downtime-history";
import { declareDowntime, endDowntime } from "./downtime-switch";

for (const target of await reachableDatabases()) {
  describe(`downtime history on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
    });
    afterAll(() => drop());

    it("pairs each declaration with its end, newest first, a page at a time", async () => {
      const admin = await createUser(db, ["admin"]);
      expect(await downtimeHistory(db, { page: 1, pageSize: 2 })).toEqual({ periods: [], total: 0 });
      const at = (iso: string) => new Date(iso);
      await declareDowntime(db, admin.principal, {
        reason: "Planned EPR upgrade",
        now: at("2026-11-01T22:00:00Z"),
      });
      await endDowntime(db, admin.principal, { now: at("2026-11-02T04:00:00Z") });
      await declareDowntime(db, admin.principal, {
        reason: "Network outage",
        now: at("2026-11-10T09:15:00Z"),
      });
      await endDowntime(db, admin.principal, { now: at("2026-11-10T11:00:00Z") });
      await declareDowntime(db, admin.principal, {
        reason: "Ransomware response",
        now: at("2026-11-20T02:00:00Z"),
      });

      const first = await downtimeHistory(db, { page: 1, pageSize: 2 });
      expect(first.total).toBe(3);
      expect(first.periods).toEqual([
        {
          declaredAt: at("2026-11-20T02:00:00Z"),
          declaredBy: admin.principal.username,
          reason: "Ransomware response",
          endedAt: null,
          endedBy: null,
        },
        {
          declaredAt: at("2026-11-10T09:15:00Z"),
          declaredBy: admin.principal.username,
          reason: "Network outage",
          endedAt: at("2026-11-10T11:00:00Z"),
          endedBy: admin.principal.username,
        },
      ]);
      const second = await downtimeHistory(db, { page: 2, pageSize: 2 });
      expect(second.periods).toEqual([
        expect.objectContaining({ reason: "Planned EPR upgrade", endedAt: at("2026-11-02T04:00:00Z") }),
      ]);
    });
  });
}
