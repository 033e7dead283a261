/**
 * Where a request came from, for the audit log and per-address limits. The address believes
 * forwarded headers only from the proxies TRUSTED_PROXIES names (lib/security/client-address.ts);
 * X-Real-IP is never read, because any client can send it.
 */
import { getConfig } from "@/lib/env";
import { clientAddress } from "@/lib/security/client-address";
import type { TrustedProxies } from "@/lib/security/trusted-proxies";

export function requestFacts(
  headers: Headers,
  trusted: TrustedProxies = getConfig().trustedProxies,
): { ip: string; userAgent: string } {
  return {
    ip: clientAddress(headers, trusted),
    userAgent: (headers.get("user-agent") ?? "").slice(0, 300),
  };
}
