import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mapHl7Message } from "@/lib/adt/hl7/map-message";
import { isValidNhsNumber } from "@/lib/adt/nhs-number";
import { fhirResponse } from "@/lib/fhir/fhir-response";
import { mapFhirRequest } from "@/lib/fhir/map-bundle";
import { applicableEvents } from "@/lib/fhir/request-result";
import { parseHl7 } from "@/lib/hl7/parse";
import { censusRequestSchema, jsonPointer } from "@/lib/ingest/census-json/census-json-schema";
import { censusRequestExamples, censusResponseExamples } from "./census-examples";
import { unusedCensusDescriptions } from "./census-schemas";
import { structuralProblems } from "./check-document";
import { openApiDocument } from "./document";
import { fhirRequestExamples, fhirResponseExamples } from "./fhir-examples";
import { exampleA01 } from "./hl7v2-examples";
import { type HttpMethod, httpMethods, type OpenApiDocument } from "./openapi-types";

const apiRoot = fileURLToPath(new URL("../../app/api", import.meta.url));

/** Every route.ts under a directory, as the URL path Next.js serves it ([x] → {x}). */
function routeFiles(dir: string): { path: string; methods: HttpMethod[] }[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.split(sep).at(-1) === "route.ts")
    .map((file) => {
      const folder = relative(apiRoot, join(dir, file)).split(sep).slice(0, -1);
      const path = `/api/${folder.map((part) => part.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
      const source = readFileSync(join(dir, file), "utf8");
      const methods = [...source.matchAll(/export\s+(?:async\s+)?function\s+(GET|PUT|POST|DELETE|PATCH)\b/g)];
      return { path, methods: methods.map((match) => match[1]!.toLowerCase() as HttpMethod) };
    });
}

const clone = (): OpenApiDocument => structuredClone(openApiDocument);

describe("the OpenAPI document", () => {
  it("is structurally valid OpenAPI 3.1", () => {
    expect(openApiDocument.openapi).toMatch(/^3\.1\.\d+$/);
    expect(structuralProblems(openApiDocument)).toEqual([]);
  });

  it("survives JSON serialisation unchanged (no undefined, no functions)", () => {
    expect(JSON.parse(JSON.stringify(openApiDocument))).toEqual(openApiDocument);
  });

  it("documents exactly the methods of every ingest route and the health route", () => {
    const routes = [...routeFiles(join(apiRoot, "ingest")), ...routeFiles(join(apiRoot, "health"))];
    expect(routes.map((route) => route.path)).toContain("/api/ingest/hl7v2");
    for (const route of routes) {
      const item = openApiDocument.paths[route.path];
      expect(item, `${route.path} has no entry in lib/openapi`).toBeDefined();
      for (const method of route.methods) {
        expect(item?.[method], `${method.toUpperCase()} ${route.path} is not documented`).toBeDefined();
      }
    }
    // And nothing documented that does not exist (a removed or renamed route).
    expect(Object.keys(openApiDocument.paths).sort()).toEqual(routes.map((route) => route.path).sort());
    for (const route of routes) {
      const documented = httpMethods.filter((method) => openApiDocument.paths[route.path]?.[method]);
      expect(documented.sort(), route.path).toEqual([...route.methods].sort());
    }
  });

  it("has an HL7 example that the real mapper reads as an admission", () => {
    const mapping = mapHl7Message(parseHl7(exampleA01), {
      timeZone: "Europe/London",
      facilityCodes: ["RXD01"],
    });
    expect(mapping.outcome).toBe("mapped");
    if (mapping.outcome !== "mapped") return;
    expect(mapping.warnings).toEqual([]);
    expect(mapping.events[0]).toMatchObject({
      kind: "admit",
      facilityCode: "RXD01",
      patient: {
        mrn: "RXD0012345",
        nhsNumber: "9990158398",
        demographics: { familyName: "Smith", givenNames: "Margaret Anne", religion: "Church of England" },
      },
      visit: { visitNumber: "V00098765", location: { ward: "OAK", room: "BAY2", bed: "B04" } },
    });
  });

  it("uses NHS numbers that pass the modulus-11 check", () => {
    const text = JSON.stringify(openApiDocument.components?.examples);
    for (const nhs of text.match(/\b999\d{7}\b/g) ?? []) expect(isValidNhsNumber(nhs), nhs).toBe(true);
  });

  it("has census examples the census route accepts, and describes only fields it has", () => {
    expect(unusedCensusDescriptions).toEqual([]);
    const message = structuredClone(censusRequestExamples.admitThenTransfer!.value) as {
      events: { eventAt: string }[];
    };
    expect(censusRequestSchema.safeParse(message).success).toBe(true);
    message.events[1]!.eventAt = "2026-11-20 14:05";
    const issue = censusRequestSchema.safeParse(message).error?.issues[0];
    const problem = censusResponseExamples.invalidField!.value as { detail: string; location: string };
    expect(issue && `${jsonPointer(issue.path)}: ${issue.message}`).toBe(problem.detail);
    expect(issue && jsonPointer(issue.path)).toBe(problem.location);
  });

  it("has a FHIR transaction the real mapper reads as the same admission, answered as documented", () => {
    const now = new Date("2026-11-20T10:15:05Z");
    // The example's PAS system is configured as the key's MRN authority, so its MRN is filed bare.
    const mrnSystems = ["https://fhir.riverside.example.nhs.uk/Id/mrn"];
    const mapping = mapFhirRequest(fhirRequestExamples.transactionAdmit!.value, { now, mrnSystems });
    expect(mapping).toMatchObject({ kind: "transaction", ok: true });
    const admit = applicableEvents(mapping).find((event) => event.kind === "admit");
    expect(admit).toMatchObject({
      facilityCode: "RXD01",
      patient: { mrn: "RXD0012345", nhsNumber: "9990158398" },
      visit: { visitNumber: "V00098765", location: { ward: "OAK", bed: "B04" }, consultant: "Dr Ada Okafor" },
    });
    const applied = new Map(mapping.entries.map((entry) => [entry.index, { status: "created" as const }]));
    expect(fhirResponse(mapping, applied).body).toEqual(fhirResponseExamples.transactionResponse!.value);
  });
});

describe("the structural check", () => {
  it("finds a dangling $ref, an operation without responses and an undeclared path parameter", () => {
    const doc = clone();
    doc.paths["/api/ingest/hl7v2"]!.post!.responses = {};
    doc.paths["/api/ingest/census"]!.post!.responses["200"] = { $ref: "#/components/responses/Nope" };
    doc.paths["/api/ingest/documents/{facility}/{mrn}/{documentId}"]!.parameters = [];
    doc.openapi = "3.0.3" as OpenApiDocument["openapi"];
    const problems = structuralProblems(doc).join("\n");
    expect(problems).toMatch(/POST \/api\/ingest\/hl7v2: no responses/);
    expect(problems).toMatch(/\$ref #\/components\/responses\/Nope does not resolve/);
    expect(problems).toMatch(/path parameter \{facility\} must be declared/);
    expect(problems).toMatch(/not 3\.1\.x/);
  });

  it("finds an example that does not suit its media type and an unknown security scheme", () => {
    const doc = clone();
    doc.components!.examples!.admitA01!.value = { not: "text" };
    doc.paths["/api/health"]!.get!.security = [{ basicAuth: [] }];
    const problems = structuralProblems(doc).join("\n");
    expect(problems).toMatch(/example admitA01 does not suit/);
    expect(problems).toMatch(/unknown basicAuth/);
  });
});
