/**
 * Checks on printed output: how many lines each NHS number takes as laid out (a wrapped "485 777
 * 3456" reads as two numbers), and the text of each page of a PDF, read by Poppler's pdftotext
 * (scripts/ensure-test-tools.mjs installs it), an extractor independent of the browser.
 */
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { PDFDocument } from "pdf-lib";

/** Every element whose whole text is an NHS number in 3-3-4 form, with the lines it is laid out on. */
export async function nhsNumberLines(page: Page): Promise<{ text: string; lines: number }[]> {
  return page.evaluate(() => {
    const pattern = /^\d{3} \d{3} \d{4}$/;
    const found: { text: string; lines: number }[] = [];
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const text = element.textContent?.trim() ?? "";
      if (
        !pattern.test(text) ||
        Array.from(element.children).some((child) => child.textContent?.trim() === text)
      )
        continue;
      const range = document.createRange();
      range.selectNodeContents(element);
      // One rectangle per line box the text sits on (rounded: sub-pixel tops of one line agree).
      const tops = new Set(
        Array.from(range.getClientRects())
          .filter((rect) => rect.width > 0)
          .map((rect) => Math.round(rect.top)),
      );
      found.push({ text, lines: tops.size });
    }
    return found;
  });
}

export async function pdfPageCount(pdf: Buffer): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

/** The text of page `page` (1-based) of the PDF at `path`, in reading order. */
export function pdfPageText(path: string, page: number): string {
  return execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", path, "-"], {
    encoding: "utf8",
  });
}
