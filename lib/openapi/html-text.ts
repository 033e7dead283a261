/**
 * Text to HTML for the rendered reference: escaping, and the small Markdown subset the document's
 * descriptions use (paragraphs, "- " lists, `code`, **strong**). Everything is escaped before any
 * markup is added, so no text from the document can become markup.
 */

import { escapeHtml } from "@/lib/escape-html";

/** Inline markup on already escaped text. */
function inline(escaped: string): string {
  return escaped.replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
}

export function markdown(text: string | undefined): string {
  if (!text) return "";
  return text
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((line) => line.startsWith("- "))) {
        const items = lines.map((line) => `<li>${inline(escapeHtml(line.slice(2)))}</li>`);
        return `<ul>${items.join("")}</ul>`;
      }
      return `<p>${inline(escapeHtml(block.replace(/\n/g, " ")))}</p>`;
    })
    .join("\n");
}

/** An example value as display text: HL7 segments one per line, JSON indented. */
export function exampleText(value: unknown): string {
  if (typeof value === "string") return value.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  return JSON.stringify(value, null, 2);
}

/** A fragment id from any text: "/api/ingest/hl7v2" → "api-ingest-hl7v2". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
