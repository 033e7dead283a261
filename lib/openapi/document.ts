/**
 * The OpenAPI 3.1 description of Downtime's integration API, composed from one file per route. Served
 * as JSON at /api/openapi.json and rendered at /api/docs. document.test.ts fails when a route under
 * app/api/ingest has no entry here, or when a $ref does not resolve.
 */
import { censusRoute } from "./census-path";
import { commonComponents } from "./common-components";
import { documentsRoute } from "./documents-path";
import { fhirRoute } from "./fhir-path";
import { healthRoute } from "./health-path";
import { hl7v2Route } from "./hl7v2-path";
import type { Components, OpenApiDocument, RouteDoc } from "./openapi-types";
import { ingestSecurity, securitySchemes } from "./security";

export const routeDocs: readonly RouteDoc[] = [
  hl7v2Route,
  fhirRoute,
  censusRoute,
  documentsRoute,
  healthRoute,
];

const description = [
  "Downtime keeps a read-only ward census while the hospital's EPR is down, fed by the integration " +
    "engine (Rhapsody, Mirth, InterSystems, Cloverleaf…). Send ADT as HL7 v2, FHIR R4 or plain JSON, " +
    "and downtime documents as PDF, HTML or text.",
  "- Every ingest request carries an API key: `Authorization: Bearer dtk_…` or `X-API-Key: dtk_…`.\n" +
    "- Retry on 429 and 503 after Retry-After seconds; do not retry other 4xx, or an HL7 AR, unchanged.\n" +
    "- Delivery may repeat and arrive out of order: duplicates change nothing and events are ordered " +
    "by their event time.\n" +
    "- Limits: 5 MB per message, 20 MB per document (413 above), and a per-key rate (6,000 a minute " +
    "unless set otherwise).\n" +
    "- HL7 and FHIR times without an offset are read as Europe/London (the TIME_ZONE setting); the " +
    "census JSON API requires offsets.",
].join("\n\n");

/** Merges each section of the routes' components, refusing a name two routes both define. */
function mergeComponents(parts: readonly (Components | undefined)[]): Components {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [section, entries] of Object.entries(part ?? {})) {
      merged[section] ??= {};
      const target = merged[section];
      for (const [name, value] of Object.entries(entries as Record<string, unknown>)) {
        if (name in target) throw new Error(`OpenAPI component ${section}/${name} is defined twice`);
        target[name] = value;
      }
    }
  }
  return merged as Components;
}

export const openApiDocument: OpenApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Downtime integration API",
    version: "1.0.0",
    summary: "Census and document ingest for EPR downtime",
    description,
  },
  jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
  servers: [{ url: "/", description: "This Downtime instance" }],
  tags: [
    { name: "HL7 v2", description: "ADT over HTTP, answered with ACKs" },
    { name: "FHIR R4", description: "Patient, Encounter and Bundles, answered in FHIR" },
    { name: "Census JSON", description: "Census events for engines that emit neither" },
    { name: "Documents", description: "Downtime documents per patient and stay" },
    { name: "Operations", description: "Health" },
  ],
  security: ingestSecurity,
  paths: Object.fromEntries(routeDocs.map((route) => [route.path, route.item])),
  components: mergeComponents([
    commonComponents,
    { securitySchemes },
    ...routeDocs.map((route) => route.components),
  ]),
};
