import { describe, expect, it } from "vitest";
import { isCsrfSafe } from "./csrf";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("allow scripts only by nonce, never inline, and forbid framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", https: true });
    const scriptSrc = csp.split("; ").find((directive) => directive.startsWith("script-src"))!;
    expect(scriptSrc).toContain("'nonce-abc123'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("send HSTS only over HTTPS, and the other headers always", () => {
    expect(securityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    const local = securityHeaders({ nonce: "n", https: false });
    expect(local["Strict-Transport-Security"]).toBeUndefined();
    expect(local["Referrer-Policy"]).toBe("no-referrer");
    expect(local["Permissions-Policy"]).toContain("camera=()");
  });

  it("make a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]!.length).toBeGreaterThanOrEqual(22);
  });
});

describe("isCsrfSafe", () => {
  const request = (method: string, path: string, headers: Record<string, string>) => ({
    method,
    url: `https://downtime.example${path}`,
    headers: new Headers(headers),
  });

  it("lets safe methods and same-origin posts through", () => {
    expect(isCsrfSafe(request("GET", "/", {}))).toBe(true);
    expect(isCsrfSafe(request("POST", "/sign-in", { origin: "https://downtime.example" }))).toBe(true);
    expect(isCsrfSafe(request("POST", "/sign-in", { "sec-fetch-site": "same-origin" }))).toBe(true);
  });

  it("refuses a cookie-authenticated post from another origin, or with no origin evidence", () => {
    expect(isCsrfSafe(request("POST", "/api/admin/users", { origin: "https://evil.example" }))).toBe(false);
    expect(isCsrfSafe(request("POST", "/api/admin/users", { "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isCsrfSafe(request("DELETE", "/api/admin/devices/x", {}))).toBe(false);
  });

  it("exempts API-key ingest routes, which use no cookies", () => {
    expect(isCsrfSafe(request("POST", "/api/ingest/hl7v2", {}))).toBe(true);
  });
});
