/**
 * The `api_client` row (migration 0009) and the `ApiClient` the rest of the app sees. Rows are
 * validated when read back: `facility_codes` is JSON in a text column (DSQL has no array
 * columns), and a corrupt value must fail loudly rather than widen a client's scope.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";

export interface ApiClient {
  id: string;
  name: string;
  /** Not secret: shown as `dtk_<prefix>_…` so operators can tell keys apart. */
  keyPrefix: string;
  /** The sites this client may send for (facility.code). */
  facilityCodes: string[];
  rateLimitPerMinute: number;
  createdAt: Date;
  revokedAt?: Date;
}

/** Every column, for SELECT and RETURNING. */
export const apiClientColumns =
  "id, name, key_prefix, key_hash, facility_codes, rate_limit_per_minute, created_at, revoked_at";

const rowSchema = z.object({
  id: z.string(),
  name: z.string(),
  key_prefix: z.string(),
  key_hash: z.string().regex(/^[0-9a-f]{64}$/),
  facility_codes: z.string(),
  rate_limit_per_minute: z.number().int().positive(),
  // Drivers differ in how they hand back timestamptz; coercion accepts Date or ISO text.
  created_at: z.coerce.date(),
  revoked_at: z.coerce.date().nullable(),
});

const facilityCodesSchema = z.array(z.string().min(1));

export function encodeFacilityCodes(codes: readonly string[]): string {
  return JSON.stringify(codes);
}

/**
 * The client and its stored hash. The client is frozen because the authentication cache hands
 * the same object to every request; a caller that mutated it would change every later request.
 */
export function toApiClient(raw: unknown): { client: ApiClient; keyHash: string } {
  const row = rowSchema.safeParse(raw);
  const codes = row.success ? facilityCodesSchema.safeParse(safeJson(row.data.facility_codes)) : undefined;
  if (!row.success || !codes?.success) {
    throw new AppError("internal", "An api_client row failed validation");
  }
  const { data } = row;
  const client: ApiClient = {
    id: data.id,
    name: data.name,
    keyPrefix: data.key_prefix,
    facilityCodes: Object.freeze([...codes.data]) as string[],
    rateLimitPerMinute: data.rate_limit_per_minute,
    createdAt: data.created_at,
    ...(data.revoked_at ? { revokedAt: data.revoked_at } : {}),
  };
  return { client: Object.freeze(client), keyHash: data.key_hash };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
