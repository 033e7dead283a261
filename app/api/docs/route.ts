import { createHash } from "node:crypto";
import { declareRoute } from "@/lib/access/authorize";
import { openApiDocument } from "@/lib/openapi/document";
import { referenceStyles } from "@/lib/openapi/html-styles";
import { renderReferenceHtml } from "@/lib/openapi/render-html";

// Public: shows no patient data.
declareRoute("public");

export const dynamic = "force-dynamic";

const html = renderReferenceHtml(openApiDocument);
const styleHash = createHash("sha256").update(referenceStyles).digest("base64");

// The page has no script at all; its one inline <style> is allowed by hash (CSP Level 3 §8.2), so
// nothing else can style, load or frame it.
const contentSecurityPolicy = [
  "default-src 'none'",
  `style-src 'sha256-${styleHash}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The integration API reference, rendered on the server from lib/openapi (readable, no scripts). */
export function GET() {
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Content-Security-Policy": contentSecurityPolicy,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    },
  });
}
