/** GET /api/health (app/api/health/route.ts, lib/health/check-health.ts): no key needed. */
import { appEnvironments } from "@/lib/env";
import type { JsonSchema, RouteDoc } from "./openapi-types";
import { ref } from "./openapi-types";

const component: JsonSchema = {
  type: "object",
  required: ["status", "kind", "latencyMs"],
  properties: {
    status: { type: "string", enum: ["up", "down"] },
    kind: { type: "string", description: "e.g. embedded, postgres, dsql; files, s3" },
    latencyMs: { type: "integer", minimum: 0 },
    detail: { type: "string", description: "unreachable, timed out, or the DSQL cluster status" },
  },
};

const report: JsonSchema = {
  type: "object",
  description: "Carries no secrets (no URLs, bucket names or keys) and no patient data.",
  required: ["status", "environment", "checkedAt", "database", "storage"],
  properties: {
    status: { type: "string", enum: ["ok", "degraded"] },
    environment: { type: "string", enum: [...appEnvironments] },
    checkedAt: { type: "string", format: "date-time" },
    database: ref("schemas", "ComponentHealth"),
    storage: ref("schemas", "ComponentHealth"),
  },
};

const answer = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("schemas", "HealthReport") } },
});

export const healthRoute: RouteDoc = {
  path: "/api/health",
  item: {
    get: {
      operationId: "getHealth",
      summary: "Is the data plane up?",
      tags: ["Operations"],
      security: [],
      description:
        "Probes the database and the document store (each with a timeout). For load balancers, " +
        "monitoring and the integration engine's own health checks; needs no API key.",
      responses: {
        "200": answer("Both the database and the document store answered."),
        "503": answer(
          "At least one of them did not (status degraded); ingest that needs it answers 503 meanwhile.",
        ),
      },
    },
  },
  components: { schemas: { HealthReport: report, ComponentHealth: component } },
};
