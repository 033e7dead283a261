/**
 * What every printed page of a paper list carries, in the page's margins (CSS Paged Media
 * margin boxes, which Chromium prints and puts in a PDF): who or what the sheet is, when it was
 * printed and by whom, how old the data is (the feed's last message), and "Page n of N"
 * (counter(page) and counter(pages)). A loose sheet from a dropped pile still says all of that.
 * Pure: builds the CSS text; the strings are escaped so no value can end the string or the
 * <style> element it goes in.
 */

export interface PageMarks {
  /** The CSS named page the marks apply to (see app/globals.css). */
  page: "ward-list" | "patient-summary";
  /** Each may hold line breaks ("\n"): the margin box starts a new line there. */
  topLeft: string;
  topRight: string;
  bottomLeft: string;
}

/**
 * A CSS string literal: backslash, quote, "<", ">" and line breaks written as escapes ("\n"
 * becomes "\a ", a new line where white-space keeps it).
 */
export function cssString(text: string): string {
  const escaped = text.replace(/[\\"<>\n\r]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `);
  return `"${escaped}"`;
}

export function pageMarksCss(marks: PageMarks): string {
  return [
    `@page ${marks.page} {`,
    `  @top-left { content: ${cssString(marks.topLeft)}; }`,
    `  @top-right { content: ${cssString(marks.topRight)}; }`,
    `  @bottom-left { content: ${cssString(marks.bottomLeft)}; }`,
    `  @bottom-right { content: "Page " counter(page) " of " counter(pages); }`,
    "}",
  ].join("\n");
}
