/**
 * The `api_client` row (migrations 0009, 0023) and the `ApiClient` the rest of the app sees. Rows
 * are validated when read back: `facility_codes` and `mrn_authorities` are JSON in text columns
 * (DSQL has no array columns), and a corrupt value must fail loudly rather than widen a client's
 * scope or file patients under the wrong identifier.
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
  /**
   * The PID-3 assigning authorities (CX-4.1 or CX-4.2) whose identifier is this feed's MRN, most
   * preferred first. Absent: the default rule (lib/adt/hl7/map-patient.ts).
   */
  mrnAuthorities?: string[];
  createdAt: Date;
  revokedAt?: Date;
  /** When the key last authenticated a request, to within a few minutes (last-used.ts). */
  lastUsedAt?: Date;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id worth looking up: anything else would make PostgreSQL fail the uuid cast. */
export const isClientId = (id: string) => uuidPattern.test(id);

/** Every column, for SELECT and RETURNING. */
export const apiClientColumns =
  "id, name, key_prefix, key_hash, facility_codes, rate_limit_per_minute, mrn_authorities, created_at, revoked_at, last_used_at";

const rowSchema = z.object({
  id: z.string(),
  name: z.string(),
  key_prefix: z.string(),
  key_hash: z.string().regex(/^[0-9a-f]{64}$/),
  facility_codes: z.string(),
  rate_limit_per_minute: z.number().int().positive(),
  mrn_authorities: z.string().nullish(),
  // Drivers differ in how they hand back timestamptz; coercion accepts Date or ISO text.
  created_at: z.coerce.date(),
  revoked_at: z.coerce.date().nullable(),
  last_used_at: z.coerce.date().nullish(),
});

const facilityCodesSchema = z.array(z.string().min(1));
const mrnAuthoritiesSchema = z.array(z.string().min(1));

export function encodeFacilityCodes(codes: readonly string[]): string {
  return JSON.stringify(codes);
}

/** NULL for none (the default rule), so an empty list and a never-set column read the same. */
export function encodeMrnAuthorities(authorities: readonly string[] | undefined): string | null {
  return authorities?.length ? JSON.stringify(authorities) : null;
}

/**
 * The client and its stored hash. The client is frozen because the authentication cache hands
 * the same object to every request; a caller that mutated it would change every later request.
 */
export function toApiClient(raw: unknown): { client: ApiClient; keyHash: string } {
  const row = rowSchema.safeParse(raw);
  const codes = row.success ? facilityCodesSchema.safeParse(safeJson(row.data.facility_codes)) : undefined;
  const authorities =
    row.success && row.data.mrn_authorities
      ? mrnAuthoritiesSchema.safeParse(safeJson(row.data.mrn_authorities))
      : { success: true as const, data: [] };
  if (!row.success || !codes?.success || !authorities.success) {
    throw new AppError("internal", "An api_client row failed validation");
  }
  const { data } = row;
  const client: ApiClient = {
    id: data.id,
    name: data.name,
    keyPrefix: data.key_prefix,
    facilityCodes: Object.freeze([...codes.data]) as string[],
    rateLimitPerMinute: data.rate_limit_per_minute,
    ...(authorities.data.length ? { mrnAuthorities: Object.freeze([...authorities.data]) as string[] } : {}),
    createdAt: data.created_at,
    ...(data.revoked_at ? { revokedAt: data.revoked_at } : {}),
    ...(data.last_used_at ? { lastUsedAt: data.last_used_at } : {}),
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
