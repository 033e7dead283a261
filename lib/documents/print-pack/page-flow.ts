/**
 * Writes wrapped lines down A4 pages of the pack's own (cover, separators, text documents,
 * "could not be included"), starting a new page when one is full. The top and bottom margins
 * leave room for the stamp (page-stamp.ts).
 */
import { PageSizes, type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { wrapText } from "./text-layout";

export const a4 = PageSizes.A4 as [number, number];
export const sideMargin = 50;
/** Below the header band and above the footer band. */
export const contentTop = a4[1] - 62;
export const contentBottom = 56;
export const contentWidth = a4[0] - 2 * sideMargin;

export interface LineStyle {
  font: PDFFont;
  size: number;
  indent?: number;
  color?: [number, number, number];
}

export class PageFlow {
  readonly pages: PDFPage[] = [];
  private page: PDFPage | null = null;
  private y = contentTop;

  /** `insertAt` puts the pages at that index (the cover is written last but goes first). */
  constructor(
    private readonly doc: PDFDocument,
    private readonly insertAt?: number,
  ) {}

  newPage(): PDFPage {
    this.page =
      this.insertAt === undefined
        ? this.doc.addPage(a4)
        : this.doc.insertPage(this.insertAt + this.pages.length, a4);
    this.pages.push(this.page);
    this.y = contentTop;
    return this.page;
  }

  /** Wrapped to the content width; text is sanitised to WinAnsi by wrapText. */
  write(text: string, style: LineStyle): void {
    const indent = style.indent ?? 0;
    const leading = style.size * 1.3;
    const measure = (s: string) => style.font.widthOfTextAtSize(s, style.size);
    for (const line of wrapText(text, measure, contentWidth - indent)) {
      if (!this.page || this.y - style.size < contentBottom) this.newPage();
      this.y -= style.size;
      const color = style.color ? rgb(...style.color) : rgb(0, 0, 0);
      this.page?.drawText(line, {
        x: sideMargin + indent,
        y: this.y,
        font: style.font,
        size: style.size,
        color,
      });
      this.y -= leading - style.size;
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Draws a red box around whatever `write` puts on the page (the "could not be included" notice). */
  boxed(body: () => void): void {
    if (!this.page) this.newPage();
    const page = this.page;
    const top = this.y;
    body();
    // Only when it all landed on one page; a notice that long is still there, just unboxed.
    if (page !== this.page || !page) return;
    page.drawRectangle({
      x: sideMargin - 12,
      y: this.y - 8,
      width: contentWidth + 24,
      height: top - this.y + 16,
      borderColor: rgb(0.7, 0, 0),
      borderWidth: 4,
    });
  }
}
