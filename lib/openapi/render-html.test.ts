import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/escape-html";
import { openApiDocument } from "./document";
import { markdown, slug } from "./html-text";
import type { OpenApiDocument } from "./openapi-types";
import { renderReferenceHtml } from "./render-html";

const html = renderReferenceHtml(openApiDocument);

describe("the rendered API reference", () => {
  it("has no script, no external resource and links the JSON document", () => {
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('<a href="/api/openapi.json">');
  });

  it("has landmarks and a heading outline that never skips a level", () => {
    for (const landmark of ["<header>", "<nav ", "<main ", "<footer>"]) expect(html).toContain(landmark);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    for (const [i, level] of levels.entries()) {
      if (i > 0) expect(level - levels[i - 1]!, `heading ${i}`).toBeLessThanOrEqual(1);
    }
  });

  it("gives each route a region named by its path, and every in-page link a target", () => {
    for (const path of Object.keys(openApiDocument.paths)) {
      const id = `route-${slug(path)}`;
      expect(html).toContain(`<section class="route" id="${id}" aria-labelledby="${id}-title">`);
      expect(html).toContain(`<code>${escapeHtml(path)}</code></h2>`);
    }
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]));
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids, target).toContain(target);
    expect(ids.size).toBe([...html.matchAll(/\sid="/g)].length);
  });

  it("shows the HL7 example one segment per line, escaped", () => {
    expect(html).toMatch(/MSH\|\^~\\&amp;\|PAS\|RXD01[^\n]*\nEVN\|A01/);
    expect(html).toContain('<th scope="col">Status</th>');
  });

  it("escapes text from the document before adding markup", () => {
    const hostile: OpenApiDocument = {
      ...openApiDocument,
      info: { ...openApiDocument.info, title: "<img src=x onerror=alert(1)>" },
    };
    const page = renderReferenceHtml(hostile);
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(markdown("`<b>` and **bold**\n\n- one\n- two")).toBe(
      "<p><code>&lt;b&gt;</code> and <strong>bold</strong></p>\n<ul><li>one</li><li>two</li></ul>",
    );
  });
});
