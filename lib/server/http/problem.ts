/** JSON problem responses (RFC 9457) for the JSON APIs; one place maps AppError codes to HTTP. */
import { type AppError, errorTable } from "@/lib/errors";

export function problemResponse(error: AppError, extra: Record<string, unknown> = {}): Response {
  const headers = new Headers({ "Content-Type": "application/problem+json", "Cache-Control": "no-store" });
  if (error.retryAfter) headers.set("Retry-After", String(error.retryAfter));
  const body = {
    type: `https://downtime.invalid/problems/${error.code.replaceAll("_", "-")}`,
    title: errorTable[error.code].title,
    status: error.status,
    detail: error.message,
    ...(error.location ? { location: error.location } : {}),
    ...extra,
  };
  return new Response(JSON.stringify(body), { status: error.status, headers });
}
