/** API client issuing, authentication and revocation, against every adapter the machine can reach. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveFacilities } from "@/lib/census/facilities";
import type { Database, Queryable } from "@/lib/db/types";
import { reachableDatabases } from "@/test/databases.test-kit";
import { ApiClientCache } from "./api-client-cache";
import {
  assertFacilityAllowed,
  authenticateApiKey,
  createApiClient,
  listApiClients,
  revokeApiClient,
  rotateApiClient,
  setMrnAuthorities,
} from "./api-clients";
import { parseApiKey } from "./api-key-format";

const refused = (code: string) => expect.objectContaining({ name: "AppError", code });
const revokedKey = expect.objectContaining({
  name: "AppError",
  code: "unauthenticated",
  message: "API key revoked",
});

for (const target of await reachableDatabases()) {
  describe(`API clients on ${target.dialect}`, () => {
    let db: Database;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      ({ db, drop } = await target.create());
      await saveFacilities(db, [
        { code: "AUTH1", name: "Auth Test North", wards: [] },
        { code: "AUTH2", name: "Auth Test South", wards: [] },
      ]);
    });
    afterAll(() => drop());

    it("issues a key that authenticates through Bearer and X-API-Key", async () => {
      const { client, key } = await createApiClient(db, {
        name: " Rhapsody TEST ",
        facilityCodes: ["AUTH1", "AUTH1"],
      });
      expect(client).toMatchObject({
        name: "Rhapsody TEST",
        facilityCodes: ["AUTH1"],
        rateLimitPerMinute: 6000,
      });
      expect(client.revokedAt).toBeUndefined();
      const viaBearer = await authenticateApiKey(db, new Headers({ authorization: `Bearer ${key}` }));
      const viaHeader = await authenticateApiKey(db, new Headers({ "x-api-key": key }), {
        cache: new ApiClientCache(),
      });
      expect(viaBearer.id).toBe(client.id);
      expect(viaHeader.id).toBe(client.id);
    });

    it("refuses missing, malformed and unknown keys, and a wrong secret for a real prefix", async () => {
      const { key } = await createApiClient(db, { name: "Wrong secret", facilityCodes: ["AUTH1"] });
      const wrongSecret = `${key.slice(0, 13)}${"A".repeat(43)}`;
      const unknownPrefix = `dtk_zzzzzzzz_${key.slice(13)}`;
      for (const cache of [new ApiClientCache(), new ApiClientCache()]) {
        // The second round runs with the real key cached: a cache hit must still check the secret.
        await expect(authenticateApiKey(db, wrongSecret, { cache })).rejects.toEqual(
          refused("unauthenticated"),
        );
        await authenticateApiKey(db, key, { cache });
        await expect(authenticateApiKey(db, wrongSecret, { cache })).rejects.toEqual(
          refused("unauthenticated"),
        );
      }
      for (const presented of [new Headers(), null, "", "dtk_short", `Basic ${key}`, unknownPrefix]) {
        await expect(authenticateApiKey(db, presented)).rejects.toEqual(refused("unauthenticated"));
      }
    });

    it("refuses a revoked key at once, even while it is cached, and keeps the first revocation time", async () => {
      const { client, key } = await createApiClient(db, { name: "Revoked", facilityCodes: ["AUTH1"] });
      await authenticateApiKey(db, key);
      const revoked = await revokeApiClient(db, client.id);
      expect(revoked.revokedAt).toBeInstanceOf(Date);
      await expect(authenticateApiKey(db, key)).rejects.toEqual(revokedKey);
      const again = await revokeApiClient(db, client.id);
      expect(again.revokedAt?.getTime()).toBe(revoked.revokedAt?.getTime());
      await expect(revokeApiClient(db, "00000000-0000-4000-8000-000000000000")).rejects.toEqual(
        refused("not_found"),
      );
      await expect(revokeApiClient(db, "not-a-uuid")).rejects.toEqual(refused("not_found"));
    });

    it("lets another process's cache accept a revoked key only until its TTL passes", async () => {
      let now = 1_000;
      const here = new ApiClientCache();
      const elsewhere = new ApiClientCache({ ttlMs: 30_000, now: () => now });
      const { client, key } = await createApiClient(db, { name: "Cross process", facilityCodes: ["AUTH1"] });
      await authenticateApiKey(db, key, { cache: elsewhere });
      await revokeApiClient(db, client.id, { cache: here });
      await expect(authenticateApiKey(db, key, { cache: here })).rejects.toEqual(revokedKey);
      now += 29_999;
      expect((await authenticateApiKey(db, key, { cache: elsewhere })).id).toBe(client.id);
      now += 1;
      await expect(authenticateApiKey(db, key, { cache: elsewhere })).rejects.toEqual(revokedKey);
    });

    it("answers a cached key without touching the database", async () => {
      const cache = new ApiClientCache();
      const { key } = await createApiClient(db, { name: "Hot path", facilityCodes: ["AUTH1"] });
      let queries = 0;
      const counting: Queryable = {
        query: (sql, params) => {
          queries++;
          return db.query(sql, params);
        },
      };
      await authenticateApiKey(counting, key, { cache });
      await authenticateApiKey(counting, key, { cache });
      await authenticateApiKey(counting, key, { cache });
      expect(queries).toBe(1);
    });

    it("stores a hash of the secret and never the key", async () => {
      const { client, key } = await createApiClient(db, { name: "Hash check", facilityCodes: ["AUTH2"] });
      const { secret } = parseApiKey(key)!;
      const { rows } = await db.query("SELECT * FROM api_client WHERE id = $1", [client.id]);
      const stored = JSON.stringify(rows[0]);
      expect(stored).not.toContain(key);
      expect(stored).not.toContain(secret);
      expect(rows[0]?.key_hash).toBe(createHash("sha256").update(secret).digest("hex"));
      const listed = (await listApiClients(db)).find((each) => each.id === client.id);
      expect(listed).toBeDefined();
      expect(JSON.stringify(listed)).not.toMatch(/key_?hash|secret/i);
      expect(JSON.stringify(listed)).not.toContain(rows[0]?.key_hash as string);
    });

    it("enforces the facility scope", async () => {
      const { key } = await createApiClient(db, { name: "North only", facilityCodes: ["AUTH1"] });
      const client = await authenticateApiKey(db, key);
      expect(() => assertFacilityAllowed(client, "AUTH1")).not.toThrow();
      expect(() => assertFacilityAllowed(client, "AUTH2")).toThrow(refused("forbidden"));
      expect(() => assertFacilityAllowed(client, "auth1")).toThrow(refused("forbidden"));
    });

    it("refuses unknown facilities and invalid settings, and stores nothing", async () => {
      const before = (await listApiClients(db)).length;
      const unknown = createApiClient(db, { name: "Bad site", facilityCodes: ["AUTH1", "NOPE9"] });
      await expect(unknown).rejects.toEqual(refused("bad_request"));
      await expect(unknown).rejects.toThrow("NOPE9");
      for (const input of [
        { name: "", facilityCodes: ["AUTH1"] },
        { name: "No sites", facilityCodes: [] },
        { name: "Zero rate", facilityCodes: ["AUTH1"], rateLimitPerMinute: 0 },
        { name: "Odd rate", facilityCodes: ["AUTH1"], rateLimitPerMinute: Number.NaN },
      ]) {
        await expect(createApiClient(db, input)).rejects.toEqual(refused("bad_request"));
      }
      expect(await listApiClients(db)).toHaveLength(before);
    });

    it("rotates: the old key is revoked, the new one keeps name, scope and rate", async () => {
      const first = await createApiClient(db, {
        name: "Rotating",
        facilityCodes: ["AUTH2", "AUTH1"],
        rateLimitPerMinute: 120,
      });
      await authenticateApiKey(db, first.key);
      const second = await rotateApiClient(db, first.client.id);
      expect(second.key).not.toBe(first.key);
      expect(second.client).toMatchObject({ name: "Rotating", facilityCodes: ["AUTH1", "AUTH2"] });
      expect(second.client.rateLimitPerMinute).toBe(120);
      await expect(authenticateApiKey(db, first.key)).rejects.toEqual(revokedKey);
      expect((await authenticateApiKey(db, second.key)).id).toBe(second.client.id);
      await expect(rotateApiClient(db, first.client.id)).rejects.toEqual(refused("not_found"));
    });

    it("keeps MRN authorities in order of preference, without repeats, and carries them through a rotation", async () => {
      const plain = await createApiClient(db, { name: "Default MRN", facilityCodes: ["AUTH1"] });
      expect(plain.client).not.toHaveProperty("mrnAuthorities");
      const { client } = await createApiClient(db, {
        name: "Two PAS",
        facilityCodes: ["AUTH1"],
        mrnAuthorities: [" RXD ", "1.2.826.0.1.999", "rxd"],
      });
      expect(client.mrnAuthorities).toEqual(["RXD", "1.2.826.0.1.999"]);
      const { rows } = await db.query("SELECT mrn_authorities FROM api_client WHERE id = $1", [client.id]);
      expect(JSON.parse(rows[0]!.mrn_authorities as string)).toEqual(["RXD", "1.2.826.0.1.999"]);
      const rotated = await rotateApiClient(db, client.id);
      expect(rotated.client.mrnAuthorities).toEqual(["RXD", "1.2.826.0.1.999"]);
      const listed = (await listApiClients(db)).find((each) => each.id === rotated.client.id);
      expect(listed?.mrnAuthorities).toEqual(["RXD", "1.2.826.0.1.999"]);
    });

    it("refuses an NHS number form or too many MRN authorities", async () => {
      for (const mrnAuthorities of [
        ["NHS"],
        ["RXD", "2.16.840.1.113883.2.1.4.1"],
        [""],
        ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"],
      ]) {
        await expect(
          createApiClient(db, { name: "Bad MRN", facilityCodes: ["AUTH1"], mrnAuthorities }),
        ).rejects.toEqual(refused("bad_request"));
      }
    });

    it("sets and clears MRN authorities, and the next authentication in this process sees the change", async () => {
      const cache = new ApiClientCache();
      const { client, key } = await createApiClient(db, { name: "Set MRN", facilityCodes: ["AUTH1"] });
      expect((await authenticateApiKey(db, key, { cache })).mrnAuthorities).toBeUndefined();
      const set = await setMrnAuthorities(db, client.id, ["RXD", "RXD2"], { cache });
      expect(set.mrnAuthorities).toEqual(["RXD", "RXD2"]);
      expect((await authenticateApiKey(db, key, { cache })).mrnAuthorities).toEqual(["RXD", "RXD2"]);
      const cleared = await setMrnAuthorities(db, client.id, [], { cache });
      expect(cleared).not.toHaveProperty("mrnAuthorities");
      const { rows } = await db.query("SELECT mrn_authorities FROM api_client WHERE id = $1", [client.id]);
      expect(rows[0]!.mrn_authorities).toBeNull();
      expect((await authenticateApiKey(db, key, { cache })).mrnAuthorities).toBeUndefined();
      await expect(setMrnAuthorities(db, client.id, ["NHSNBR"], { cache })).rejects.toEqual(
        refused("bad_request"),
      );
      await revokeApiClient(db, client.id, { cache });
      await expect(setMrnAuthorities(db, client.id, ["RXD"], { cache })).rejects.toEqual(
        refused("not_found"),
      );
      await expect(setMrnAuthorities(db, "not-a-uuid", ["RXD"], { cache })).rejects.toEqual(
        refused("not_found"),
      );
    });

    it("fails loudly on a corrupt mrn_authorities value rather than guessing the MRN", async () => {
      const { client, key } = await createApiClient(db, { name: "Corrupt MRN", facilityCodes: ["AUTH1"] });
      await db.query("UPDATE api_client SET mrn_authorities = $2 WHERE id = $1", [client.id, "RXD,RXD2"]);
      await expect(authenticateApiKey(db, key, { cache: new ApiClientCache() })).rejects.toEqual(
        refused("internal"),
      );
      await db.query("UPDATE api_client SET revoked_at = now(), mrn_authorities = NULL WHERE id = $1", [
        client.id,
      ]);
    });
  });
}
