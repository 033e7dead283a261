/**
 * Lays plain text out as pages of lines: wrapped at word boundaries to the printable width (as
 * measured by the font that will draw it), a word longer than a line broken where it must be,
 * and a form feed (how many EPR text reports mark a page) starting a new page. Pure: the caller
 * passes the measure, usually `(s) => font.widthOfTextAtSize(s, size)`.
 */
import { toWinAnsi } from "./win-ansi";

export type Measure = (text: string) => number;

/** Breaks an over-long word into pieces that fit, at least one character each. */
function breakWord(word: string, measure: Measure, maxWidth: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const char of word) {
    if (piece !== "" && measure(piece + char) > maxWidth) {
      pieces.push(piece);
      piece = "";
    }
    piece += char;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

/** One source line (no line breaks) as the lines it occupies; leading indentation is kept. */
export function wrapLine(line: string, measure: Measure, maxWidth: number): string[] {
  const text = line.trimEnd();
  if (text === "") return [""];
  if (measure(text) <= maxWidth) return [text];
  const indent = /^ */.exec(text)?.[0] ?? "";
  const words = text.slice(indent.length).split(/ +/);
  const lines: string[] = [];
  let current = indent;
  for (const word of words) {
    const candidate = current.trim() === "" ? current + word : `${current} ${word}`;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current.trim() !== "") lines.push(current);
    const pieces = breakWord(word, measure, maxWidth);
    lines.push(...pieces.slice(0, -1));
    current = pieces.at(-1) ?? "";
  }
  if (current.trim() !== "") lines.push(current);
  return lines;
}

/** Drawable (WinAnsi) lines for a whole text; CRLF and CR count as line breaks. */
export function wrapText(text: string, measure: Measure, maxWidth: number): string[] {
  return text.split(/\r\n|\r|\n/).flatMap((line) => wrapLine(toWinAnsi(line), measure, maxWidth));
}

/**
 * Pages of at most `linesPerPage` lines. Always at least one page, so an empty document still
 * has a page of its own in the pack (with its header saying whose it is).
 */
export function layoutText(
  text: string,
  measure: Measure,
  maxWidth: number,
  linesPerPage: number,
): string[][] {
  const perPage = Math.max(1, Math.floor(linesPerPage));
  const pages: string[][] = [];
  for (const section of text.split("\f")) {
    const lines = wrapText(section, measure, maxWidth);
    // Trailing blank lines (or a form feed at the end) must not print an empty page.
    while (lines.length > 0 && lines.at(-1) === "") lines.pop();
    for (let start = 0; start < lines.length; start += perPage)
      pages.push(lines.slice(start, start + perPage));
  }
  return pages.length > 0 ? pages : [[]];
}
