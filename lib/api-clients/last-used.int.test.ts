/** "Last used" is recorded, and throttled: one write per client per interval, never one per request. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { createApiClient, listApiClients } from "./api-clients";
import { lastUsedIntervalMs, noteApiClientUsed } from "./last-used";

for (const target of await reachableDatabases()) {
  describe(`API client last used on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [{ code: "LU01", name: "Last Used General", wards: [] }]);
    });
    afterAll(() => drop());

    it("starts as never, then records the first use and at most one more per interval", async () => {
      const { client } = await createApiClient(db, { name: "Engine", facilityCodes: ["LU01"] });
      const lastUsed = async () => (await listApiClients(db)).find((c) => c.id === client.id)?.lastUsedAt;
      expect(await lastUsed()).toBeUndefined();
      const t0 = new Date("2026-12-04T10:00:00.000Z");
      await noteApiClientUsed(db, client.id, t0);
      expect(await lastUsed()).toEqual(t0);
      await noteApiClientUsed(db, client.id, new Date(t0.getTime() + 60_000));
      expect(await lastUsed()).toEqual(t0);
      const later = new Date(t0.getTime() + lastUsedIntervalMs + 1_000);
      await noteApiClientUsed(db, client.id, later);
      expect(await lastUsed()).toEqual(later);
    });
  });
}
