/**
 * Runs before every request: a fresh CSP nonce (passed to the app in `x-nonce` and in the
 * request's CSP header, which Next reads to nonce its own scripts), the security headers, and the
 * CSRF check for cookie-authenticated state changes.
 */
import { type NextRequest, NextResponse } from "next/server";
import { isCsrfSafe } from "@/lib/security/csrf";
import { newNonce, securityHeaders } from "@/lib/security/security-headers";

// Routes that serve other systems' content or their own reference page set a stricter CSP themselves.
const ownPolicy = /^\/api\/(docs|ingest\/documents|documents)\b/;

export function proxy(request: NextRequest) {
  if (!isCsrfSafe(request, process.env.PUBLIC_ORIGIN || undefined)) {
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
