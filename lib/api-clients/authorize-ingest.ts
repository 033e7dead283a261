/** Every ingest route starts here: who is sending (API key), and are they within their rate. */
import "server-only";
import { type ApiClient, authenticateApiKey } from "@/lib/api-clients/api-clients";
import { ingestRateLimiter } from "@/lib/api-clients/rate-limiter";
import type { Queryable } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

export async function authorizeIngest(db: Queryable, headers: Headers): Promise<ApiClient> {
  const client = await authenticateApiKey(db, headers);
  const decision = ingestRateLimiter().take(client.id, client.rateLimitPerMinute);
  if (!decision.allowed) {
    throw new AppError("rate_limited", "Rate limit for this API key exceeded; retry later", {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
  return client;
}
