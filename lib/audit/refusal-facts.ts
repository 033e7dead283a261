/**
 * What is known about a refused request, in the shape refusal-audit.ts writes it: the route and
 * method, the reason (a closed set of codes), and who was refused (a user id, an API key's
 * prefix, or only an address). Pure, so proxy.ts can build one where no database is at hand.
 * Never a key's secret, a query string or anything typed into a form.
 */
import type { Principal } from "@/lib/auth/principal";

export const refusalReasons = [
  /** The route's policy needs a permission the user's roles do not give (lib/access/roles.ts). */
  "role",
  /** A state-changing request from another origin (proxy.ts, lib/security/csrf.ts). */
  "cross-site",
  /** Ingest: no key, not the `dtk_…` shape, unknown prefix or wrong secret, withdrawn. */
  "api-key-missing",
  "api-key-malformed",
  "api-key-not-recognised",
  "api-key-revoked",
  /** Ingest: the key's per-minute allowance is spent. */
  "api-key-rate-limited",
  /** Ingest: a message for a site outside the key's facilities. */
  "facility-out-of-scope",
  /** Break-glass refused; which rule refused is `rule` (lib/access/break-glass.ts names them). */
  "break-glass",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

export interface RefusalFacts {
  reason: RefusalReason;
  /** The request path, through `routeLabel`. */
  route: string | null;
  /** The HTTP method. */
  method: string | null;
  /** A signed-in user; null for API keys and requests refused before anyone was identified. */
  principal?: Principal | null;
  /** The presented API key's prefix when it had the key's shape (never the secret). */
  keyPrefix?: string | null;
  /** The API client, once its key was recognised. */
  clientId?: string | null;
  ip: string | null;
  userAgent?: string | null;
  /** Break-glass: the internal patient id asked for (a well-formed one only). */
  patientId?: string | null;
  /** Break-glass: the rule that refused ("role", "too-short", "unknown-patient"…), never the text offered. */
  rule?: string | null;
  /** Codes only: the permission missing, the refused origin. */
  extra?: Record<string, string | number | boolean | null>;
  occurredAt?: Date;
}

/** Request headers proxy.ts sets on every request it passes on, so the app can name the route. */
export const routeHeaders = { path: "x-downtime-path", method: "x-downtime-method" } as const;

const ingestDocuments = /^\/api\/ingest\/documents(\/|$)/;

/**
 * A path fit for the audit log: no query string (search text is typed there), and the document
 * ingest route as its template, because its path carries the patient's MRN.
 */
export function routeLabel(path: string | null | undefined): string | null {
  if (!path) return null;
  const pathname = path.split(/[?#]/, 1)[0]!;
  if (ingestDocuments.test(pathname)) return "/api/ingest/documents/{facility}/{mrn}/{documentId}";
  return pathname.slice(0, 200);
}

/** Whom the rate limit counts this refusal against: the user, else the key, else the address. */
export function refusalSubject(facts: RefusalFacts): string {
  if (facts.principal) return `user:${facts.principal.userId}`;
  if (facts.clientId) return `client:${facts.clientId}`;
  if (facts.keyPrefix) return `key:${facts.keyPrefix}`;
  return `ip:${facts.ip ?? "unknown"}`;
}
