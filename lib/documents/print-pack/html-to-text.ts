/**
 * HTML downtime documents (EPR exports: care plans, observation charts) as plain text for the
 * print pack. Not a renderer: the pack must print something readable without running another
 * system's markup, so scripts, styles and comments go, block elements become line breaks, table
 * cells are separated by two spaces, and the basic entities are decoded last (so "&lt;b&gt;"
 * stays text and is never read as a tag).
 */

const named: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  pound: "£",
  euro: "€",
  copy: "©",
  reg: "®",
  deg: "°",
  micro: "µ",
  middot: "·",
  times: "×",
  divide: "÷",
  plusmn: "±",
  frac12: "½",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  bull: "•",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}

// Closing one of these leaves a blank line; other block boundaries a line break.
const paragraphTags = "blockquote|h[1-6]|ol|p|table|ul";
const blockTags =
  "address|article|aside|caption|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|header|hr|li|main|nav|section|tbody|thead|tfoot|tr";

// Private-use markers while tags become breaks: a hard <br>, a blank line, a kept <pre> block.
const hardBreak = "\uE001";
const blankLine = "\uE002";

export function htmlToText(html: string): string {
  const kept: string[] = [];
  let text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|head|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, "")
    // <pre> keeps its own line breaks and spacing; set aside before whitespace is collapsed.
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi, (_, body: string) => {
      kept.push(body.replace(/<[^>]*>/g, ""));
      return `${blankLine}\uE000${kept.length - 1}\uE000${blankLine}`;
    })
    .replace(/\s+/g, " ")
    .replace(/<br\b[^>]*>/gi, hardBreak)
    .replace(/<li\b[^>]*>/gi, "\n• ")
    .replace(/<\/(td|th)\s*>/gi, "  ")
    .replace(new RegExp(`</(${paragraphTags})\\s*>`, "gi"), blankLine)
    .replace(new RegExp(`</?(${paragraphTags}|${blockTags})\\b[^>]*>`, "gi"), "\n")
    .replace(/<[^>]*>/g, "");
  text = text
    .replace(/[ \n]*\n[ \n]*/g, "\n")
    .replace(/[ \n\uE002]*\uE002[ \n\uE002]*/g, "\n\n")
    .replace(/ *\uE001 */g, "\n")
    .replace(/\uE000(\d+)\uE000/g, (_, index: string) => kept[Number(index)] ?? "");
  return decodeEntities(text).trim();
}
