/**
 * The client's network address for the per-address sign-in limit and the audit log, believing
 * forwarded headers only as far as TRUSTED_PROXIES allows (trusted-proxies.ts).
 *
 * X-Forwarded-For is a list each proxy appends to, so only its right end can be trusted: anyone
 * can write its left end. Its last entry is the address of whoever connected to us (Next.js puts
 * the socket address there when a request brings no header: next/dist/server/base-server.js) or
 * the address the nearest proxy saw. Walking leftwards, an entry is believed only while the hop
 * that reported it (the entry to its right) is a trusted proxy; the first untrusted one is the
 * client. So rotating made-up entries changes nothing the app uses.
 */
import { BlockList, isIP } from "node:net";
import type { TrustedProxies } from "./trusted-proxies";

/** When nothing says where the request came from (an in-process call, a test). */
export const noAddress = "local";
/** When the address we would believe is not an IP address at all. */
export const unreadableAddress = "unknown";

export function clientAddress(headers: Headers, trusted: TrustedProxies): string {
  if (trusted.cloudfront) {
    const viewer = viewerAddress(headers.get("cloudfront-viewer-address"));
    if (viewer) return viewer;
  }
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "");
  if (hops.length === 0) return noAddress;
  const proxies = blockListOf(trusted.networks);
  for (let index = hops.length - 1; index >= 0; index--) {
    const address = normaliseAddress(hops[index]!);
    if (!address) return unreadableAddress;
    if (index === 0 || !isTrusted(proxies, address)) return address;
  }
  return unreadableAddress;
}

/** "198.51.100.10:46532" or CloudFront's unbracketed "2001:db8::1:46532": the address before the port. */
function viewerAddress(value: string | null): string | null {
  const match = value?.trim().match(/^\[?(.+?)\]?:\d{1,5}$/);
  return match ? normaliseAddress(match[1]!) : null;
}

/** An IP address as one spelling: no brackets or port, IPv4-mapped IPv6 as IPv4, lower case. */
export function normaliseAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = value.match(/^\[([^\]]+)\](?::\d{1,5})?$/);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.toLowerCase();
  const mapped = value.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) value = mapped[1]!;
  return isIP(value) === 0 ? null : value;
}

function blockListOf(networks: readonly string[]): BlockList {
  const list = new BlockList();
  for (const network of networks) {
    const [address, prefix] = network.split("/");
    list.addSubnet(address!, Number(prefix), isIP(address!) === 4 ? "ipv4" : "ipv6");
  }
  return list;
}

function isTrusted(proxies: BlockList, address: string): boolean {
  return proxies.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}
