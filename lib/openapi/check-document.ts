/**
 * A structural check of an OpenAPI 3.1 document, enough to catch what goes wrong when the document
 * is edited by hand: a wrong version string, an operation without responses, a response without a
 * description, a dangling $ref, a path template without its parameter, an unknown security scheme.
 * Not a full validator (that would need the 3.1 meta-schema and a JSON Schema library); pure.
 */
import {
  httpMethods,
  type MediaType,
  type OpenApiDocument,
  type Parameter,
  type Reference,
} from "./openapi-types";

const statusKey = /^([1-5]\d\d|[1-5]XX|default)$/;
const isReference = (value: unknown): value is Reference =>
  typeof value === "object" && value !== null && typeof (value as Reference).$ref === "string";

/** Resolves a local reference ("#/components/schemas/Problem"); undefined when it does not. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Every $ref in the document with the JSON pointer of where it sits. */
export function collectRefs(node: unknown, at = "#"): { at: string; ref: string }[] {
  if (typeof node !== "object" || node === null) return [];
  const own = isReference(node) ? [{ at, ref: node.$ref }] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, child]) =>
      collectRefs(child, `${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`),
    ),
  ];
}

function deref<T>(doc: OpenApiDocument, value: T | Reference): T | undefined {
  return isReference(value) ? (resolvePointer(doc, value.$ref) as T | undefined) : value;
}

const isJsonMedia = (type: string) => /^application\/([a-z.+-]+\+)?json$/.test(type);

export function structuralProblems(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const report = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!/^3\.1\.\d+$/.test(doc.openapi)) report("openapi", `"${doc.openapi}" is not 3.1.x`);
  if (!doc.info?.title || !doc.info?.version) report("info", "title and version are required");
  const schemes = new Set(Object.keys(doc.components?.securitySchemes ?? {}));
  const tags = new Set((doc.tags ?? []).map((tag) => tag.name));
  const operationIds = new Set<string>();
  const checkExamples = (where: string, content: Record<string, MediaType> | undefined) => {
    for (const [type, media] of Object.entries(content ?? {})) {
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        const value = deref(doc, example)?.value;
        const ok = isJsonMedia(type)
          ? typeof value === "object" && value !== null
          : typeof value === "string";
        if (!ok) report(where, `example ${name} does not suit ${type}`);
      }
    }
  };
  for (const requirement of doc.security ?? []) {
    for (const name of Object.keys(requirement))
      if (!schemes.has(name)) report("security", `unknown ${name}`);
  }

  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith("/")) report(path, "paths must start with /");
    const template = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    const methods = httpMethods.filter((method) => item[method] !== undefined);
    if (methods.length === 0) report(path, "no operations");
    for (const method of methods) {
      const op = item[method]!;
      const where = `${method.toUpperCase()} ${path}`;
      if (operationIds.has(op.operationId)) report(where, `duplicate operationId ${op.operationId}`);
      operationIds.add(op.operationId);
      if (!op.summary) report(where, "no summary");
      const responses = Object.entries(op.responses ?? {});
      if (responses.length === 0) report(where, "no responses");
      for (const [status, response] of responses) {
        if (!statusKey.test(status)) report(where, `response key ${status} is not a status code`);
        const resolved = deref(doc, response);
        if (!resolved?.description) report(`${where} ${status}`, "response needs a description");
        checkExamples(`${where} ${status}`, resolved?.content);
      }
      const body = op.requestBody && deref(doc, op.requestBody);
      if (op.requestBody && !body?.content) report(where, "request body without content");
      checkExamples(`${where} request`, body?.content);
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .map((param) => deref<Parameter>(doc, param))
        .filter((param): param is Parameter => param?.in === "path");
      for (const name of template) {
        const param = params.find((candidate) => candidate.name === name);
        if (!param?.required) report(where, `path parameter {${name}} must be declared, required`);
      }
      for (const param of params) {
        if (!template.includes(param.name)) report(where, `path parameter ${param.name} not in the path`);
      }
      for (const requirement of op.security ?? []) {
        for (const name of Object.keys(requirement)) if (!schemes.has(name)) report(where, `unknown ${name}`);
      }
      for (const tag of op.tags ?? []) if (!tags.has(tag)) report(where, `tag ${tag} is not declared`);
    }
  }

  for (const { at, ref } of collectRefs(doc)) {
    if (resolvePointer(doc, ref) === undefined) report(at, `$ref ${ref} does not resolve`);
  }
  return problems;
}
