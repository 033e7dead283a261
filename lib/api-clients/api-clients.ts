/**
 * Integration API clients, one per feed source, in the `api_client` table (migrations 0009, 0023):
 * name, key prefix, SHA-256 of the key's secret, facility scope (JSON text), rate limit, MRN
 * authorities (JSON text), revocation time. The key itself is returned once by create/rotate and
 * stored nowhere. Authentication is in ./authenticate.ts, the insert in ./api-client-insert.ts and
 * the MRN authorities in ./mrn-authorities.ts; this module is the public API.
 */
import "server-only";
import { z } from "zod";
import type { ActorFields } from "@/lib/audit/actor-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type ApiClientCache, sharedApiClientCache } from "./api-client-cache";
import { type IssuedApiKey, insertApiClient, withFreshKey } from "./api-client-insert";
import { type ApiClient, apiClientColumns, isClientId, toApiClient } from "./api-client-row";
import { mrnAuthoritiesSchema } from "./mrn-authorities";

export type { IssuedApiKey } from "./api-client-insert";
export type { ApiClient } from "./api-client-row";
export { apiKeyFromHeaders } from "./api-key-format";
export { assertFacilityAllowed, authenticateApiKey } from "./authenticate";
export { setMrnAuthorities } from "./mrn-authorities";

const newClientSchema = z.object({
  name: z.string().trim().min(1).max(200),
  facilityCodes: z.array(z.string().trim().min(1).max(64)).min(1, "at least one facility is required"),
  // 6,000 a minute (100 a second) is well above a busy trust's ADT rate and still stops a loop.
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).default(6_000),
  mrnAuthorities: mrnAuthoritiesSchema.default([]),
});

export type NewApiClient = z.input<typeof newClientSchema>;

export interface ApiClientChangeOptions {
  cache?: ApiClientCache;
  /** Who made the change, for the audit row: an admin's session, or `cli:<os user>`; default "system". */
  by?: ActorFields;
}

type Detail = Record<string, string | number | boolean | null | readonly string[]>;

/** The `api-client.changed` audit row, in the change's own transaction: ids and codes only. */
function auditChange(tx: Queryable, by: ActorFields | undefined, change: string, detail: Detail) {
  return recordAudit(tx, {
    method: "system",
    username: "system",
    ...by,
    action: "api-client.changed",
    outcome: "success",
    detail: { change, ...detail },
  });
}

function settingsDetail(client: ApiClient, when: "before" | "after"): Detail {
  return {
    [`${when}.keyPrefix`]: client.keyPrefix,
    [`${when}.facilityCodes`]: client.facilityCodes,
    [`${when}.rateLimitPerMinute`]: client.rateLimitPerMinute,
    [`${when}.mrnAuthorities`]: client.mrnAuthorities ?? [],
    [`${when}.revokedAt`]: client.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiClient(
  db: Database,
  input: NewApiClient,
  options: ApiClientChangeOptions = {},
): Promise<IssuedApiKey> {
  const parsed = newClientSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad_request", `Invalid API client: ${issue.message}`, {
      location: issue.path.join("."),
    });
  }
  const settings = { ...parsed.data, facilityCodes: [...new Set(parsed.data.facilityCodes)].sort() };
  const issued = await withFreshKey(db, async (tx, key) => {
    const client = await insertApiClient(tx, settings, key);
    await auditChange(tx, options.by, "created", { clientId: client.id, ...settingsDetail(client, "after") });
    return client;
  });
  log.info("api_client.created", { clientId: issued.client.id, keyPrefix: issued.client.keyPrefix });
  return issued;
}

/** Every client, revoked ones too (they stay for the audit trail). Hashes are never returned. */
export async function listApiClients(db: Queryable): Promise<ApiClient[]> {
  const { rows } = await db.query(`SELECT ${apiClientColumns} FROM api_client ORDER BY created_at, id`);
  return rows.map((row) => toApiClient(row).client);
}

/**
 * Revokes at once in this process and within the cache TTL in others (see api-client-cache.ts).
 * Revoking twice is harmless and keeps the first revocation time.
 */
export async function revokeApiClient(
  db: Database,
  id: string,
  options: ApiClientChangeOptions = {},
): Promise<ApiClient> {
  if (!isClientId(id)) throw new AppError("not_found", "No API client with that id");
  const client = await writeTransaction(db, async (tx) => {
    const before = await tx.query(`SELECT ${apiClientColumns} FROM api_client WHERE id = $1`, [id]);
    if (!before.rows[0]) throw new AppError("not_found", "No API client with that id");
    const { rows } = await tx.query(
      `UPDATE api_client SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1
       RETURNING ${apiClientColumns}`,
      [id],
    );
    const previous = toApiClient(before.rows[0]).client;
    const revoked = toApiClient(rows[0]).client;
    if (!previous.revokedAt) {
      await auditChange(tx, options.by, "revoked", {
        clientId: id,
        "before.revokedAt": null,
        "after.revokedAt": revoked.revokedAt?.toISOString() ?? null,
      });
    }
    return revoked;
  });
  (options.cache ?? sharedApiClientCache()).forgetClient(id);
  log.info("api_client.revoked", { clientId: id });
  return client;
}

/**
 * Revokes a client and issues a new one with the same name, scope, limit and MRN authorities, in
 * one transaction.
 * The old key stops working at once; for a hand-over without a gap, create a second client,
 * switch the engine to it, then revoke the first.
 */
export async function rotateApiClient(
  db: Database,
  id: string,
  options: ApiClientChangeOptions = {},
): Promise<IssuedApiKey> {
  if (!isClientId(id)) throw new AppError("not_found", "No active API client with that id");
  const issued = await withFreshKey(db, async (tx, key) => {
    const { rows } = await tx.query(
      `UPDATE api_client SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL
       RETURNING ${apiClientColumns}`,
      [id],
    );
    if (!rows[0]) throw new AppError("not_found", "No active API client with that id");
    const old = toApiClient(rows[0]).client;
    const { name, facilityCodes, rateLimitPerMinute, mrnAuthorities } = old;
    const client = await insertApiClient(
      tx,
      { name, facilityCodes, rateLimitPerMinute, mrnAuthorities },
      key,
    );
    await auditChange(tx, options.by, "rotated", {
      clientId: id,
      newClientId: client.id,
      ...settingsDetail({ ...old, revokedAt: undefined }, "before"),
      ...settingsDetail(client, "after"),
      "old.revokedAt": old.revokedAt?.toISOString() ?? null,
    });
    return client;
  });
  (options.cache ?? sharedApiClientCache()).forgetClient(id);
  log.info("api_client.rotated", { clientId: id, newClientId: issued.client.id });
  return issued;
}
