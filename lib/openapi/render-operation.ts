/**
 * One operation of the rendered reference: heading with a method badge, description, parameters,
 * request body (fields and examples) and responses. Headings are h3 (operation) and h4 (parts) under
 * the route's h2, so the outline never skips a level.
 */

import { escapeHtml as esc } from "@/lib/escape-html";
import { resolvePointer } from "./check-document";
import { exampleText, markdown, slug } from "./html-text";
import type {
  Example,
  MediaType,
  OpenApiDocument,
  Operation,
  Parameter,
  Reference,
  ResponseObject,
} from "./openapi-types";
import { type FieldRow, resolveSchema, schemaFields, typeLabel } from "./schema-fields";

/** A component or the object itself; a Reference's own summary/description win (OpenAPI 3.1 §4.8.23). */
function deref<T>(doc: OpenApiDocument, value: T | Reference): T {
  if (typeof value !== "object" || value === null || !("$ref" in value)) return value;
  const { $ref, ...overrides } = value as Reference;
  return { ...(resolvePointer(doc, $ref) as T), ...overrides };
}

function table(caption: string, head: string[], rows: string[][], kind: string): string {
  const th = head.map((cell) => `<th scope="col">${cell}</th>`).join("");
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join("")}</tr>`).join("\n");
  const title = `<caption class="visually-hidden">${esc(caption)}</caption>`;
  const inner = `${title}<thead><tr>${th}</tr></thead><tbody>${body}</tbody>`;
  return `<div class="table-wrap" tabindex="0"><table class="${kind}">${inner}</table></div>`;
}

function fieldTable(caption: string, rows: FieldRow[]): string {
  if (rows.length === 0) return "";
  return table(
    caption,
    ["Field", "Type", "Required", "Description"],
    rows.map((row) => [
      `<code>${esc(row.path)}</code>`,
      esc(row.type),
      row.required ? "Yes" : "No",
      esc(row.description),
    ]),
    "fields",
  );
}

function examples(doc: OpenApiDocument, type: string, media: MediaType, open: boolean): string {
  return Object.entries(media.examples ?? {})
    .map(([name, raw]) => {
      const example = deref<Example>(doc, raw);
      const title = `${esc(example.summary ?? name)} <span class="muted">(${esc(type)})</span>`;
      const note = example.description ? markdown(example.description) : "";
      const pre = `<pre tabindex="0"><code>${esc(exampleText(example.value))}</code></pre>`;
      return `<details${open ? " open" : ""}><summary>Example: ${title}</summary>${note}${pre}</details>`;
    })
    .join("\n");
}

const exampleNote = (value: unknown) =>
  value === undefined ? "" : ` <span class="muted">e.g. <code>${esc(String(value))}</code></span>`;

function parametersPart(doc: OpenApiDocument, params: Parameter[], where: string): string {
  if (params.length === 0) return "";
  const rows = params.map((param) => [
    `<code>${esc(param.name)}</code>`,
    esc(param.in),
    esc(typeLabel(doc, param.schema)),
    param.required ? "Yes" : "No",
    `${esc(param.description ?? "")}${exampleNote(param.example)}`,
  ]);
  const head = ["Name", "In", "Type", "Required", "Description"];
  return `<h4>Parameters</h4>${table(`Parameters of ${where}`, head, rows, "params")}`;
}

function requestPart(doc: OpenApiDocument, op: Operation, where: string): string {
  if (!op.requestBody) return "";
  const body = deref(doc, op.requestBody);
  const types = Object.keys(body.content)
    .map((type) => `<code>${esc(type)}</code>`)
    .join(", ");
  const [firstType, first] = Object.entries(body.content)[0] ?? [];
  const schema = first?.schema;
  const fields = schema ? fieldTable(`Request body fields of ${where}`, schemaFields(doc, schema)) : "";
  const shape =
    schema && !fields
      ? `<p>${esc(resolveSchema(doc, schema).description ?? typeLabel(doc, schema))}</p>`
      : "";
  // Media types sharing one schema and examples (HL7 v2 under three names) show them once.
  const shown = first && firstType ? examples(doc, firstType, first, true) : "";
  const intro = `${markdown(body.description)}<p>Content types: ${types}</p>`;
  return `<h4>Request body</h4>${intro}${shape}${fields}${shown}`;
}

/** Each distinct example once, with the statuses that answer it. */
function responseExamples(doc: OpenApiDocument, entries: [string, ResponseObject][]): string {
  const byExample = new Map<string, { statuses: string[]; type: string; example: Example | Reference }>();
  for (const [status, response] of entries) {
    for (const [type, media] of Object.entries(response.content ?? {})) {
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        const key = "$ref" in example ? example.$ref : `${status}/${name}`;
        const seen = byExample.get(key);
        if (seen) seen.statuses.push(status);
        else byExample.set(key, { statuses: [status], type, example });
      }
    }
  }
  return [...byExample.entries()]
    .map(([key, { statuses, type, example }]) =>
      examples(doc, `${statuses.join(", ")}, ${type}`, { examples: { [key]: example } }, false),
    )
    .join("\n");
}

function responsesPart(doc: OpenApiDocument, op: Operation, where: string): string {
  const entries = Object.entries(op.responses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, raw]): [string, ResponseObject] => [status, deref(doc, raw)]);
  const rows = entries.map(([status, response]) => {
    const bodies = Object.entries(response.content ?? {})
      .map(([type, media]) => {
        const label = media.schema ? ` <span class="muted">${esc(typeLabel(doc, media.schema))}</span>` : "";
        return `<code>${esc(type)}</code>${label}`;
      })
      .join("<br>");
    const headers = Object.keys(response.headers ?? {}).map((name) => `<code>${esc(name)}</code>`);
    return [
      `<strong>${esc(status)}</strong>`,
      markdown(response.description),
      bodies || "None",
      headers.join(", ") || "None",
    ];
  });
  const head = ["Status", "Meaning", "Body", "Headers"];
  const summary = table(`Responses of ${where}`, head, rows, "responses");
  return `<h4>Responses</h4>${summary}${responseExamples(doc, entries)}`;
}

export function renderOperation(
  doc: OpenApiDocument,
  path: string,
  method: string,
  op: Operation,
  pathParams: Parameter[],
): string {
  const id = `op-${slug(op.operationId)}`;
  const where = `${method.toUpperCase()} ${path}`;
  const badge = `<span class="method method-${esc(method)}">${esc(method.toUpperCase())}</span>`;
  const auth = op.security?.length === 0 ? "No API key needed." : "API key required (Bearer or X-API-Key).";
  const params = [...pathParams, ...(op.parameters ?? []).map((param) => deref<Parameter>(doc, param))];
  return `<article class="operation" aria-labelledby="${id}">
<h3 id="${id}">${badge} ${esc(op.summary)}</h3>
<p class="muted">${auth}</p>
${markdown(op.description)}
${parametersPart(doc, params, where)}
${requestPart(doc, op, where)}
${responsesPart(doc, op, where)}
</article>`;
}
