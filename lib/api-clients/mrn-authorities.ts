/**
 * Which assigning authority is the MRN, per source: `api_client.mrn_authorities` (migration 0023).
 * An engine that forwards several PAS systems' messages, or a PAS that sends its own number beside
 * a regional one in PID-3, needs this so each patient is filed under the one number the ward knows.
 * Read by lib/adt/hl7/map-patient.ts; none configured means the default rule there.
 */
import "server-only";
import { z } from "zod";
import { isNhsForm } from "@/lib/adt/hl7/cx-identifiers";
import type { Database } from "@/lib/db/types";
import { writeTransaction } from "@/lib/db/write-transaction";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type ApiClientCache, sharedApiClientCache } from "./api-client-cache";
import {
  type ApiClient,
  apiClientColumns,
  encodeMrnAuthorities,
  isClientId,
  toApiClient,
} from "./api-client-row";

/**
 * Authorities as the feed writes them in CX-4.1 (a namespace such as "RXD") or CX-4.2 (an OID).
 * Order is preference; repeats (ignoring case, as matching does) are dropped. An NHS number form
 * is refused: it marks the NHS number, which is never the MRN while a PAS number is sent.
 */
export const mrnAuthoritiesSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine((authority) => !isNhsForm(authority), {
        message: "an NHS number authority cannot be the MRN authority",
      }),
  )
  .max(10, "at most 10 MRN authorities")
  .transform((authorities) =>
    authorities.filter(
      (authority, i) =>
        authorities.findIndex((other) => other.toUpperCase() === authority.toUpperCase()) === i,
    ),
  );

export function parseMrnAuthorities(input: readonly string[]): string[] {
  const parsed = mrnAuthoritiesSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new AppError("bad_request", `Invalid MRN authority: ${issue.message}`, {
    location: ["mrnAuthorities", ...issue.path].join("."),
  });
}

/**
 * Sets (or with an empty list clears) an active client's MRN authorities. This process's cache
 * drops the client at once; other processes pick the change up when their entry expires (30 s).
 */
export async function setMrnAuthorities(
  db: Database,
  id: string,
  authorities: readonly string[],
  options: { cache?: ApiClientCache } = {},
): Promise<ApiClient> {
  const wanted = parseMrnAuthorities(authorities);
  if (!isClientId(id)) throw new AppError("not_found", "No active API client with that id");
  const client = await writeTransaction(db, async (tx) => {
    const { rows } = await tx.query(
      `UPDATE api_client SET mrn_authorities = $2 WHERE id = $1 AND revoked_at IS NULL
       RETURNING ${apiClientColumns}`,
      [id, encodeMrnAuthorities(wanted)],
    );
    if (!rows[0]) throw new AppError("not_found", "No active API client with that id");
    return toApiClient(rows[0]).client;
  });
  (options.cache ?? sharedApiClientCache()).refreshClient(id);
  log.info("api_client.mrn_authorities_set", { clientId: id, count: wanted.length });
  return client;
}
