/**
 * Inserting an `api_client` row (migrations 0009, 0023) for a freshly generated key: the facility scope
 * is checked against `facility`, and a key-prefix collision is retried with a new key.
 */
import "server-only";
import { placeholders } from "@/lib/db/sql-lists";
import type { Database, Queryable } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import {
  type ApiClient,
  apiClientColumns,
  encodeFacilityCodes,
  encodeMrnAuthorities,
  toApiClient,
} from "./api-client-row";
import { type GeneratedApiKey, generateApiKey, hashApiKey } from "./api-key-format";

export interface IssuedApiKey {
  client: ApiClient;
  /** The whole key. Show it once; only its hash is kept. */
  key: string;
}

export type ApiClientSettings = Pick<
  ApiClient,
  "name" | "facilityCodes" | "rateLimitPerMinute" | "mrnAuthorities"
>;

export async function insertApiClient(
  tx: Queryable,
  settings: ApiClientSettings,
  key: GeneratedApiKey,
): Promise<ApiClient> {
  await assertFacilitiesExist(tx, settings.facilityCodes);
  const { rows } = await tx.query(
    `INSERT INTO api_client (name, key_prefix, key_hash, facility_codes, rate_limit_per_minute, mrn_authorities)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${apiClientColumns}`,
    [
      settings.name,
      key.prefix,
      hashApiKey(key.secret),
      encodeFacilityCodes(settings.facilityCodes),
      settings.rateLimitPerMinute,
      encodeMrnAuthorities(settings.mrnAuthorities),
    ],
  );
  return toApiClient(rows[0]).client;
}

async function assertFacilitiesExist(tx: Queryable, codes: readonly string[]): Promise<void> {
  // IN with one parameter per code rather than `= ANY($1)`: no array parameters to worry about
  // on any adapter, and a client covers a handful of sites.
  const { rows } = await tx.query<{ code: string }>(
    `SELECT code FROM facility WHERE code IN (${placeholders(codes.length)})`,
    codes,
  );
  const known = new Set(rows.map((row) => row.code));
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0) {
    throw new AppError("bad_request", `Unknown facility code: ${unknown.join(", ")}`, {
      location: "facilityCodes",
    });
  }
}

/**
 * Runs the write with a new key, and again with another if the 40-bit prefix collides with an
 * existing one (api_client_key_prefix_unique; about 1 in 10⁹ per key with a thousand clients).
 */
export async function withFreshKey(
  db: Database,
  work: (tx: Queryable, key: GeneratedApiKey) => Promise<ApiClient>,
): Promise<IssuedApiKey> {
  for (let attempt = 1; ; attempt++) {
    const key = generateApiKey();
    try {
      return { client: await writeTransaction(db, (tx) => work(tx, key)), key: key.key };
    } catch (error) {
      if (attempt >= 3 || !isPrefixCollision(error)) throw error;
    }
  }
}

function isPrefixCollision(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "23505" && typeof message === "string" && message.includes("api_client_key_prefix");
}
