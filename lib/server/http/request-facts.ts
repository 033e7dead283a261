/** Where a request came from, for the audit log and per-IP limits. */
export function requestFacts(headers: Headers): { ip: string; userAgent: string } {
  // Behind CloudFront/ALB the client is the first X-Forwarded-For entry; locally there is none.
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || headers.get("x-real-ip") || "local",
    userAgent: (headers.get("user-agent") ?? "").slice(0, 300),
  };
}
