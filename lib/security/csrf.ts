/**
 * CSRF protection for cookie-authenticated, state-changing requests: the browser must say the
 * request comes from our own origin (Origin header, or Sec-Fetch-Site: same-origin). SameSite
 * cookies already stop most cross-site posts; this also covers same-site subdomains and old
 * browsers. Ingest routes authenticate with API keys, not cookies, so they are exempt.
 */
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCsrfSafe(
  request: { method: string; url: string; headers: Headers },
  publicOrigin?: string,
): boolean {
  if (safeMethods.has(request.method.toUpperCase())) return true;
  const url = new URL(request.url);
  if (url.pathname.startsWith("/api/ingest/")) return true;
  const origin = request.headers.get("origin");
  if (origin) {
    const allowed = new Set([url.origin, ...(publicOrigin ? [new URL(publicOrigin).origin] : [])]);
    const host = request.headers.get("host");
    if (host) allowed.add(`${url.protocol}//${host}`);
    return allowed.has(origin);
  }
  return request.headers.get("sec-fetch-site") === "same-origin";
}
