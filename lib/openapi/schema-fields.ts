/**
 * A schema as rows of a field table ("events[].patient.mrn", type, required, description), following
 * local $refs, for the rendered reference. Depth is bounded and each $ref is followed once per branch,
 * so a recursive schema cannot loop.
 */
import { resolvePointer } from "./check-document";
import type { JsonSchema, OpenApiDocument } from "./openapi-types";

export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

const refName = (ref: string) => ref.split("/").at(-1) ?? ref;

export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const target = resolvePointer(doc, schema.$ref) as JsonSchema | undefined;
  const { $ref: _, ...siblings } = schema;
  return { ...(target ?? {}), ...siblings };
}

/** A short label for a schema's type: "string (date-time)", "array of CensusEvent", "one of: a, b". */
export function typeLabel(doc: OpenApiDocument, schema: JsonSchema): string {
  if (schema.$ref) {
    const target = resolveSchema(doc, schema);
    if (target.title) return target.title;
    return target.type === "object" || target.oneOf ? refName(schema.$ref) : typeLabel(doc, target);
  }
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return `one of: ${schema.enum.join(", ")}`;
  if (schema.oneOf) return `one of: ${schema.oneOf.map((option) => typeLabel(doc, option)).join(", ")}`;
  if (schema.type === "array") return `array of ${schema.items ? typeLabel(doc, schema.items) : "any"}`;
  const details = [schema.format, schema.pattern && `pattern ${schema.pattern}`].filter(Boolean);
  return `${schema.type ?? schema.title ?? "any"}${details.length ? ` (${details.join(", ")})` : ""}`;
}

export function schemaFields(
  doc: OpenApiDocument,
  schema: JsonSchema,
  prefix = "",
  seen: ReadonlySet<string> = new Set(),
): FieldRow[] {
  if (seen.size > 6 || (schema.$ref && seen.has(schema.$ref))) return [];
  const resolved = resolveSchema(doc, schema);
  const visited = schema.$ref ? new Set([...seen, schema.$ref]) : seen;
  const required = new Set(resolved.required ?? []);
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const target = resolveSchema(doc, property);
    const row: FieldRow = {
      path,
      type: typeLabel(doc, property),
      required: required.has(name),
      description: property.description ?? target.description ?? "",
    };
    const nested =
      target.type === "array" && target.items
        ? schemaFields(doc, target.items, `${path}[].`, visited)
        : schemaFields(doc, property, `${path}.`, visited);
    return [row, ...nested];
  });
}
