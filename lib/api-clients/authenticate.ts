/**
 * Authenticates an ingest request's API key against `api_client`, with successful look-ups
 * cached in memory (api-client-cache.ts) so most requests cost no query. The route maps the
 * errors: unauthenticated → 401, forbidden → 403.
 */
import "server-only";
import type { Queryable } from "@/lib/db/types";
import { isUnavailableError } from "@/lib/db/unavailable";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type ApiClientCache, sharedApiClientCache } from "./api-client-cache";
import { type ApiClient, apiClientColumns, toApiClient } from "./api-client-row";
import { apiKeyFromHeaders, parseApiKey, revokedKeyMessage, secretMatchesHash } from "./api-key-format";

// One message for an unknown prefix and a wrong secret: the answer must not confirm that a
// prefix exists.
const notRecognised = () => new AppError("unauthenticated", "API key not recognised");

/**
 * The key's row. A database that cannot be reached is "unavailable" (503 + Retry-After: the
 * sender keeps the message and retries), never a refusal of the key: an engine dead-letters a
 * message refused as unauthenticated, and a stopped database says nothing about the key.
 */
async function lookUp(db: Queryable, prefix: string) {
  try {
    const { rows } = await db.query(`SELECT ${apiClientColumns} FROM api_client WHERE key_prefix = $1`, [
      prefix,
    ]);
    return rows;
  } catch (error) {
    if (isUnavailableError(error) && !isAppError(error)) {
      throw new AppError(
        "unavailable",
        "The database is unavailable while checking the API key; retry later",
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/**
 * The client a key belongs to. Accepts the request's headers (Authorization: Bearer, or
 * X-API-Key) or the key text. Throws AppError "unauthenticated" (401) when the key is missing,
 * malformed, unknown or revoked (a withdrawn key is no credential; only a caller holding the real
 * key hears "revoked": the secret is checked first), and "unavailable" when the database cannot be
 * asked.
 */
export async function authenticateApiKey(
  db: Queryable,
  presented: Headers | string | null | undefined,
  options: { cache?: ApiClientCache } = {},
): Promise<ApiClient> {
  const text = presented instanceof Headers ? apiKeyFromHeaders(presented) : presented;
  if (!text) throw new AppError("unauthenticated", "API key required (Authorization: Bearer or X-API-Key)");
  const key = parseApiKey(text);
  if (!key) throw new AppError("unauthenticated", "API key malformed");

  const cache = options.cache ?? sharedApiClientCache();
  const cached = cache.get(key.prefix);
  if (cached) {
    if (!secretMatchesHash(key.secret, cached.keyHash)) throw notRecognised();
    return cached.client;
  }

  const rows = await lookUp(db, key.prefix);
  if (!rows[0]) throw notRecognised();
  const { client, keyHash } = toApiClient(rows[0]);
  if (!secretMatchesHash(key.secret, keyHash)) throw notRecognised();
  if (client.revokedAt) {
    // Worth an operator's attention: an engine still sends with a key that was withdrawn.
    log.warn("api_client.revoked_key_used", { clientId: client.id });
    throw new AppError("unauthenticated", revokedKeyMessage);
  }
  cache.set(key.prefix, client, keyHash);
  return client;
}

/** Refuses a message for a site outside the client's scope (facility.code, e.g. from MSH-4). */
export function assertFacilityAllowed(client: ApiClient, facilityCode: string): void {
  if (!client.facilityCodes.includes(facilityCode)) {
    // The code comes from the message (untrusted), so only a bounded slice of it is echoed.
    throw new AppError("forbidden", `This API client may not send for facility ${facilityCode.slice(0, 32)}`);
  }
}
