/**
 * The OpenAPI document as one self-contained, readable HTML page for /api/docs: semantic landmarks
 * (header, nav, main, footer), one region per route named by its path, an operation per h3, plain
 * tables and <pre> examples. No script and no external resource: it must work behind a strict CSP
 * and on a hospital network with no internet access.
 */

import { escapeHtml as esc } from "@/lib/escape-html";
import { referenceStyles } from "./html-styles";
import { markdown, slug } from "./html-text";
import { httpMethods, type OpenApiDocument, type Parameter, type PathItem } from "./openapi-types";
import { renderOperation } from "./render-operation";

export const openApiJsonPath = "/api/openapi.json";

function operations(item: PathItem) {
  return httpMethods.flatMap((method) => (item[method] ? [{ method, op: item[method] }] : []));
}

function routeSection(doc: OpenApiDocument, path: string, item: PathItem): string {
  const id = `route-${slug(path)}`;
  const pathParams = (item.parameters ?? []).filter((param): param is Parameter => !("$ref" in param));
  const ops = operations(item).map(({ method, op }) => renderOperation(doc, path, method, op, pathParams));
  return `<section class="route" id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title"><code>${esc(path)}</code></h2>
${markdown(item.description)}
${ops.join("\n")}
</section>`;
}

function contents(doc: OpenApiDocument): string {
  const links = Object.entries(doc.paths).flatMap(([path, item]) =>
    operations(item).map(({ method, op }) => {
      const label = `${esc(method.toUpperCase())} <code>${esc(path)}</code>`;
      return `<li><a href="#op-${slug(op.operationId)}">${label}</a> – ${esc(op.summary)}</li>`;
    }),
  );
  const title = `<h2 id="contents-title">Routes</h2>`;
  return `<nav aria-labelledby="contents-title">${title}<ul>${links.join("\n")}</ul></nav>`;
}

function authentication(doc: OpenApiDocument): string {
  const rows = Object.entries(doc.components?.securitySchemes ?? {}).map(([name, scheme]) => {
    const capitalised = scheme.type === "http" ? scheme.scheme.replace(/^./, (c) => c.toUpperCase()) : "";
    const how = scheme.type === "http" ? `Authorization: ${capitalised} …` : `${scheme.name}: …`;
    const label = `<strong>${esc(name)}</strong> (<code>${esc(how)}</code>)`;
    return `<li>${label}: ${markdown(scheme.description)}</li>`;
  });
  const title = `<h2 id="auth-title">Authentication</h2>`;
  return `<section aria-labelledby="auth-title">${title}<ul>${rows.join("\n")}</ul></section>`;
}

export function renderReferenceHtml(doc: OpenApiDocument): string {
  const { info } = doc;
  const routes = Object.entries(doc.paths).map(([path, item]) => routeSection(doc, path, item));
  const jsonLink = `<a href="${openApiJsonPath}">the OpenAPI document (JSON)</a>`;
  const overview = `<h2 id="overview-title">Overview</h2>${markdown(info.description)}`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(info.title)} – reference</title>
<style>${referenceStyles}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the reference</a>
<header>
<p class="muted">Downtime · version ${esc(info.version)} · OpenAPI ${esc(doc.openapi)}</p>
<h1>${esc(info.title)}</h1>
<p>${esc(info.summary ?? "")}. Machine-readable: ${jsonLink}.</p>
</header>
${contents(doc)}
<main id="main" tabindex="-1">
<section aria-labelledby="overview-title">${overview}</section>
${authentication(doc)}
${routes.join("\n")}
</main>
<footer><p>Generated from <a href="${openApiJsonPath}">${openApiJsonPath}</a>.
The integration guide is docs/integration-guide.md in the repository.</p></footer>
</body>
</html>
`;
}
