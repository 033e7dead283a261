/** The demo integration client and its key file, against every adapter the machine can reach. */
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey, listApiClients } from "@/lib/api-clients/api-clients";
import { generateApiKey } from "@/lib/api-clients/api-key-format";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { demoApiClientName, demoApiKeyPath, ensureDemoApiClient } from "./demo-api-client";

for (const target of await reachableDatabases()) {
  describe(`demo API client on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    let dataDir: string;

    const activeDemoClients = async () =>
      (await listApiClients(db)).filter((client) => client.name === demoApiClientName && !client.revokedAt);

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      dataDir = await mkdtemp(join(tmpdir(), "downtime-demo-key-"));
    });
    afterAll(async () => {
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("refuses to create a client before any facility exists", async () => {
      await expect(ensureDemoApiClient(db, { dataDir })).rejects.toMatchObject({ code: "unprocessable" });
      expect(await activeDemoClients()).toHaveLength(0);
    });

    it("creates one client for every demo facility and writes its key to a private file", async () => {
      await saveFacilities(db, [{ code: "OWN1", name: "An operator's site", wards: [] }]);
      await expect(ensureDemoApiClient(db, { dataDir })).rejects.toMatchObject({ code: "unprocessable" });
      await saveFacilities(
        db,
        [
          { code: "DEMO1", name: "Demo North", wards: [] },
          { code: "DEMO2", name: "Demo South", wards: [] },
        ],
        { loadedAsDemo: true },
      );
      const key = await ensureDemoApiClient(db, { dataDir: join(dataDir, "nested") });
      const path = demoApiKeyPath(join(dataDir, "nested"));
      expect((await readFile(path, "utf8")).trim()).toBe(key);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      const client = await authenticateApiKey(db, key);
      expect(client.facilityCodes).toEqual(["DEMO1", "DEMO2"]);
      expect(await activeDemoClients()).toHaveLength(1);
    });

    it("is idempotent: the same key, no new client", async () => {
      const first = await ensureDemoApiClient(db, { dataDir });
      const second = await ensureDemoApiClient(db, { dataDir });
      expect(second).toBe(first);
      const active = await activeDemoClients();
      expect(active).toHaveLength(1);
      expect((await authenticateApiKey(db, second)).id).toBe(active[0]?.id);
    });

    it("rotates when the key file is lost: the old key is revoked", async () => {
      const old = await ensureDemoApiClient(db, { dataDir });
      await rm(demoApiKeyPath(dataDir));
      const fresh = await ensureDemoApiClient(db, { dataDir });
      expect(fresh).not.toBe(old);
      await expect(authenticateApiKey(db, old)).rejects.toMatchObject({
        code: "unauthenticated",
        message: "API key revoked",
      });
      expect((await authenticateApiKey(db, fresh)).name).toBe(demoApiClientName);
      expect(await activeDemoClients()).toHaveLength(1);
    });

    it("replaces a key file that matches no client (the database was reset)", async () => {
      const stale = generateApiKey().key;
      await writeFile(demoApiKeyPath(dataDir), `${stale}\n`);
      const fresh = await ensureDemoApiClient(db, { dataDir });
      expect(fresh).not.toBe(stale);
      expect((await readFile(demoApiKeyPath(dataDir), "utf8")).trim()).toBe(fresh);
      expect((await stat(demoApiKeyPath(dataDir))).mode & 0o777).toBe(0o600);
      expect(await activeDemoClients()).toHaveLength(1);
    });
  });
}
