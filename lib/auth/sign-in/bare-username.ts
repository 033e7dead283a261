/**
 * A username typed without its domain ("jbloggs" for "TRUST\jbloggs"), on a phone where typing a
 * backslash is awkward. When the directory holds one Windows domain the bare name can only mean
 * that domain; with several it could be anyone's, so it is refused with a clear message rather
 * than guessed (pure; the domains come from sign-in-domains.ts).
 */

export type QualifiedUsername =
  | { ok: true; username: string }
  | { ok: false; reason: "domain-required"; message: string };

export const domainRequiredMessage =
  "More than one Windows domain signs in here: type your username with its domain, like TRUST\\jbloggs.";

/** The name as typed when it names a domain; otherwise DOMAIN\name when exactly one domain exists. */
export function qualifyUsername(typed: string, domains: readonly string[]): QualifiedUsername {
  const trimmed = typed.trim();
  if (trimmed.includes("\\") || trimmed === "") return { ok: true, username: trimmed };
  const unique = [...new Set(domains.map((domain) => domain.toLowerCase()))];
  if (unique.length === 1) return { ok: true, username: `${unique[0]}\\${trimmed}` };
  return { ok: false, reason: "domain-required", message: domainRequiredMessage };
}
