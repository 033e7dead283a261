/**
 * Runs before every request: a fresh CSP nonce (passed to the app in `x-nonce` and in the
 * request's CSP header, which Next reads to nonce its own scripts), the security headers, and the
 * CSRF check for cookie-authenticated state changes.
 *
 * It also tells the app which path and method it is serving (`x-downtime-path`,
 * `x-downtime-method`, always overwritten, so a client cannot choose them): route handlers and
 * pages are not given their URL, and the refusal audit names the route.
 *
 * A cross-site refusal happens here, before the app, where no database is opened (the proxy must
 * stay light and must answer even when the database is down). Next.js 16 runs the proxy in the
 * same Node.js process as the routes, so the refusal is held in the process-wide refusal ledger
 * (lib/audit/refusal-limiter.ts, rate-limited like every refusal) and the next staff request,
 * page or refusal writes it to the audit log (lib/audit/refusal-audit.ts); a log line is written
 * at once, so there is a trace even if the process ends first.
 */
import { type NextRequest, NextResponse } from "next/server";
import { type RefusalFacts, refusalSubject, routeHeaders, routeLabel } from "@/lib/audit/refusal-facts";
import { sharedRefusalLedger } from "@/lib/audit/refusal-limiter";
import { log } from "@/lib/log";
import { isCsrfSafe } from "@/lib/security/csrf";
import { newNonce, securityHeaders } from "@/lib/security/security-headers";
import { requestFacts } from "@/lib/server/http/request-facts";

// Routes that serve other systems' content or their own reference page set a stricter CSP themselves.
const ownPolicy = /^\/api\/(docs|ingest\/documents|documents)\b/;

function holdCrossSiteRefusal(request: NextRequest): void {
  let facts = { ip: null as string | null, userAgent: null as string | null };
  try {
    facts = requestFacts(request.headers);
  } catch {
    // A configuration error is reported at start-up; the refusal is still held, without an address.
  }
  const refusal: RefusalFacts = {
    reason: "cross-site",
    route: routeLabel(request.nextUrl.pathname),
    method: request.method,
    ip: facts.ip,
    userAgent: facts.userAgent,
    // The other site's origin (bounded): which page posted is what IG and security want to know.
    extra: { origin: request.headers.get("origin")?.slice(0, 100) ?? null },
    occurredAt: new Date(),
  };
  const ledger = sharedRefusalLedger<RefusalFacts>();
  // Logged only when held for its own row: the same limit keeps a flood out of the logs too.
  if (ledger.hold(refusal, refusal.reason, refusalSubject(refusal)))
    log.warn("request.refused", { reason: refusal.reason, route: refusal.route, method: refusal.method });
}

export function proxy(request: NextRequest) {
  if (!isCsrfSafe(request, process.env.PUBLIC_ORIGIN || undefined)) {
    holdCrossSiteRefusal(request);
    return NextResponse.json(
      {
        type: "https://downtime.invalid/problems/forbidden",
        title: "Not allowed",
        status: 403,
        detail: "Cross-site request refused",
      },
      { status: 403, headers: { "Content-Type": "application/problem+json" } },
    );
  }
  const nonce = newNonce();
  const https = request.nextUrl.protocol === "https:" || (process.env.APP_ENV ?? "local") !== "local";
  const headers = securityHeaders({ nonce, https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  requestHeaders.set(routeHeaders.path, request.nextUrl.pathname);
  requestHeaders.set(routeHeaders.method, request.method);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) {
    if (name === "Content-Security-Policy" && ownPolicy.test(request.nextUrl.pathname)) continue;
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
