import { type PageMarks, pageMarksCss } from "@/lib/print/page-marks";

/**
 * The header and "Page n of N" printed in the margins of every page (lib/print/page-marks.ts).
 * A <style> of its own, because margin-box text can only come from CSS; the page's security policy
 * allows inline styles, and the text in it is escaped.
 */
export function PrintPageMarks(marks: PageMarks) {
  return <style>{pageMarksCss(marks)}</style>;
}
