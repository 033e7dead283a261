/**
 * The parts of OpenAPI 3.1 (https://spec.openapis.org/oas/v3.1.0) this project writes, as types, so
 * a typo in the document is a compile error rather than a silently ignored key. Schemas are JSON
 * Schema 2020-12 (OpenAPI 3.1 §4.8.24), typed loosely: only the keywords used here.
 */

export interface Reference {
  $ref: string;
  summary?: string;
  description?: string;
}

export interface JsonSchema {
  $ref?: string;
  title?: string;
  description?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";
  format?: string;
  pattern?: string;
  enum?: readonly (string | number)[];
  const?: string | number | boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  examples?: unknown[];
  contentMediaType?: string;
}

export interface Example {
  summary?: string;
  description?: string;
  value: unknown;
}

export interface MediaType {
  schema?: JsonSchema;
  examples?: Record<string, Example | Reference>;
}

export interface Header {
  description?: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  description?: string;
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface RequestBody {
  description?: string;
  required?: boolean;
  content: Record<string, MediaType>;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, Header | Reference>;
  content?: Record<string, MediaType>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: (Parameter | Reference)[];
  requestBody?: RequestBody | Reference;
  responses: Record<string, ResponseObject | Reference>;
  security?: SecurityRequirement[];
}

export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof httpMethods)[number];

export type PathItem = { [method in HttpMethod]?: Operation } & {
  summary?: string;
  description?: string;
  parameters?: (Parameter | Reference)[];
};

export type SecurityScheme =
  | { type: "http"; scheme: string; bearerFormat?: string; description?: string }
  | { type: "apiKey"; name: string; in: "header" | "query" | "cookie"; description?: string };

export interface Components {
  schemas?: Record<string, JsonSchema>;
  responses?: Record<string, ResponseObject>;
  parameters?: Record<string, Parameter>;
  examples?: Record<string, Example>;
  headers?: Record<string, Header>;
  securitySchemes?: Record<string, SecurityScheme>;
}

export interface Tag {
  name: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi: `3.1.${number}`;
  info: { title: string; version: string; summary?: string; description?: string };
  jsonSchemaDialect?: string;
  servers?: { url: string; description?: string }[];
  tags?: Tag[];
  security?: SecurityRequirement[];
  paths: Record<string, PathItem>;
  components?: Components;
}

/** One route's share of the document: its path item and the components only it uses. */
export interface RouteDoc {
  path: string;
  item: PathItem;
  components?: Components;
}

/** A local reference into components, e.g. ref("schemas", "Problem"). */
export function ref(section: keyof Components, name: string): Reference {
  return { $ref: `#/components/${section}/${name}` };
}
