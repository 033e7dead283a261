/**
 * Index keys within Aurora DSQL's limits. DSQL caps the combined size of an index key (the
 * "maximum size of a primary key / index key" quota, about 1 KiB), and PostgreSQL and PGlite
 * accept far longer ones, so a value that goes into a unique index and comes from outside (a
 * sender's control id, an HL7 sending application) is bounded here first.
 *
 * A value up to `maxKeyBytes` is kept as it is. A longer one becomes its leading characters, an
 * ellipsis, and the SHA-256 of the whole value: deterministic, so the same long control id sent
 * twice maps to the same key and still deduplicates, and two long ids that differ anywhere map to
 * different keys. Readers show the bounded form (it starts as the original did).
 */
import { createHash } from "node:crypto";

/** Room for two such values and a uuid or timestamp in one index key, well under 1 KiB. */
export const maxKeyBytes = 256;

const hashSuffixBytes = "…sha256:".length + 2 + 64;

export function boundedKey(value: string, maxBytes = maxKeyBytes): string {
  if (Buffer.byteLength(value, "utf8") <= maxBytes) return value;
  const hash = createHash("sha256").update(value, "utf8").digest("hex");
  let prefix = "";
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > maxBytes - hashSuffixBytes) break;
    prefix += char;
    bytes += size;
  }
  return `${prefix}…sha256:${hash}`;
}
