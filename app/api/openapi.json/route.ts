import { declareRoute } from "@/lib/access/authorize";
import { openApiDocument } from "@/lib/openapi/document";

// Public: shows no patient data.
declareRoute("public");

export const dynamic = "force-dynamic";

// The document is fixed for a build: serialise once per process.
const body = JSON.stringify(openApiDocument);

/** The OpenAPI 3.1 description of the integration API (rendered at /api/docs). */
export function GET() {
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
