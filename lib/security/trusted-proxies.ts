/**
 * TRUSTED_PROXIES: which hops in front of the app may say who the client is. A comma-separated
 * list of IP addresses and CIDR ranges (the load balancers and reverse proxies that append to
 * X-Forwarded-For), and the word `cloudfront` when every request arrives through Amazon
 * CloudFront, whose CloudFront-Viewer-Address header then names the viewer. Unset: nobody is
 * trusted, and no forwarded claim a client makes about itself is believed.
 */
import { isIP } from "node:net";

export interface TrustedProxies {
  /** Requests arrive only through CloudFront: its CloudFront-Viewer-Address is believed. */
  cloudfront: boolean;
  /** Normalised CIDR ranges, e.g. "10.0.0.0/8", "::1/128". */
  networks: readonly string[];
}

export const noTrustedProxies: TrustedProxies = { cloudfront: false, networks: [] };

/** Parses the setting; throws an Error naming the entry it cannot read. */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const entries = (raw ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const networks: string[] = [];
  let cloudfront = false;
  for (const entry of entries) {
    if (entry.toLowerCase() === "cloudfront") {
      cloudfront = true;
      continue;
    }
    const network = cidrOf(entry);
    if (!network) throw new Error(`"${entry}" is not an IP address, a CIDR range or "cloudfront"`);
    networks.push(network);
  }
  return { cloudfront, networks };
}

function cidrOf(entry: string): string | null {
  const [address = "", prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return null;
  const bits = family === 4 ? 32 : 128;
  if (prefix === undefined) return `${address.toLowerCase()}/${bits}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return null;
  return `${address.toLowerCase()}/${Number(prefix)}`;
}
