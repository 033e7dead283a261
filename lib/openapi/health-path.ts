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
    feeds: ref("schemas", "FeedHealth"),
  },
};

const feeds: JsonSchema = {
  type: "object",
  description:
    "Feed sources that have sent nothing (of any outcome) for longer than their silence threshold " +
    "(FEED_SILENCE_MINUTES, or the source's own, set in the console). Sources of revoked keys are not watched.",
  required: ["status", "silent"],
  properties: {
    status: {
      type: "string",
      enum: ["ok", "silent", "unknown"],
      description: "unknown when the feed could not be read (the database is down)",
    },
    silent: {
      type: "array",
      items: {
        type: "object",
        required: ["source", "silentSince", "lastMessageAt", "thresholdMinutes"],
        properties: {
          source: { type: "string", description: "API client name · sending application · sending facility" },
          silentSince: { type: "string", format: "date-time" },
          lastMessageAt: {
            anyOf: [{ type: "string", format: "date-time" }, { type: "null" }],
            description: "null when its counters were pruned (over 30 days ago)",
          },
          thresholdMinutes: { type: "integer", minimum: 1 },
        },
      },
    },
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
        "Probes the database and the document store (each with a timeout) and reports feed sources " +
        "gone silent. For load balancers, monitoring and the integration engine's own health checks; " +
        "needs no API key.",
      responses: {
        "200": answer(
          "Both the database and the document store answered. Status degraded here means a feed is " +
            "silent (named in feeds.silent): still served, so load balancers keep the copy staff need.",
        ),
        "503": answer(
          "At least one of them did not (status degraded); ingest that needs it answers 503 meanwhile.",
        ),
      },
    },
  },
  components: { schemas: { HealthReport: report, ComponentHealth: component, FeedHealth: feeds } },
};
