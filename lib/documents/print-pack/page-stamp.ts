/**
 * The header and footer every page of a pack carries, so a loose sheet found on a ward still says
 * whose it is: bed, name, NHS number and MRN on top, ward, confidentiality and "page n of N"
 * below. Pages copied from another PDF get a band added above and below their visible area
 * (their own content is never covered or scaled) and the band is drawn the way the page is
 * shown, whatever its /Rotate.
 */
import { degrees, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { toWinAnsi } from "./win-ansi";

export const stampBand = 30;
const size = 8.5;
const minSize = 6;

export interface Stamp {
  header: string;
  footer: string;
  /** Copied pages need room made for the stamp; the pack's own pages leave a margin for it. */
  addBand: boolean;
}

type Box = { x: number; y: number; width: number; height: number };

/** Grows the visible area by the band at the shown top and bottom, in the page's own space. */
function addBands(page: PDFPage, quarterTurn: boolean): void {
  const crop = page.getCropBox();
  const grown: Box = quarterTurn
    ? { x: crop.x - stampBand, y: crop.y, width: crop.width + 2 * stampBand, height: crop.height }
    : { x: crop.x, y: crop.y - stampBand, width: crop.width, height: crop.height + 2 * stampBand };
  const media = page.getMediaBox();
  const left = Math.min(media.x, grown.x);
  const bottom = Math.min(media.y, grown.y);
  const right = Math.max(media.x + media.width, grown.x + grown.width);
  const top = Math.max(media.y + media.height, grown.y + grown.height);
  page.setMediaBox(left, bottom, right - left, top - bottom);
  page.setCropBox(grown.x, grown.y, grown.width, grown.height);
}

/** Maps a point measured from the shown page's bottom-left corner into the page's user space. */
function toUserSpace(box: Box, turn: number, u: number, v: number): { x: number; y: number } {
  if (turn === 90) return { x: box.x + box.width - v, y: box.y + u };
  if (turn === 180) return { x: box.x + box.width - u, y: box.y + box.height - v };
  if (turn === 270) return { x: box.x + v, y: box.y + box.height - u };
  return { x: box.x + u, y: box.y + v };
}

/** Shrinks to fit, then cuts: a long name must not run off the sheet. */
function fitToWidth(text: string, font: PDFFont, width: number): { text: string; size: number } {
  let shown = toWinAnsi(text);
  for (let s = size; s >= minSize; s -= 0.5) {
    if (font.widthOfTextAtSize(shown, s) <= width) return { text: shown, size: s };
  }
  while (shown.length > 1 && font.widthOfTextAtSize(`${shown}…`, minSize) > width) shown = shown.slice(0, -1);
  return { text: `${shown}…`, size: minSize };
}

export function stampPage(
  page: PDFPage,
  stamp: Stamp,
  pageText: string,
  fonts: { regular: PDFFont; bold: PDFFont },
) {
  const turn = ((page.getRotation().angle % 360) + 360) % 360;
  const quarterTurn = turn === 90 || turn === 270;
  if (stamp.addBand) {
    // Copied content may leave its graphics state changed (a transform, a colour); q…Q isolates it.
    page.translateContent(0, 0);
    addBands(page, quarterTurn);
  }
  const box = page.getCropBox();
  const shownWidth = quarterTurn ? box.height : box.width;
  const shownHeight = quarterTurn ? box.width : box.height;
  const margin = 28;
  const rotate = degrees(turn);
  const draw = (text: string, font: PDFFont, u: number, v: number, width: number) => {
    const fitted = fitToWidth(text, font, width);
    const at = toUserSpace(box, turn, u, v);
    page.drawText(fitted.text, { ...at, font, size: fitted.size, rotate, color: rgb(0, 0, 0) });
  };
  if (stamp.addBand) {
    // Content outside the old crop box would show through the new band; paint the bands white.
    for (const v of [0, shownHeight - stampBand]) {
      const at = toUserSpace(box, turn, 0, v);
      page.drawRectangle({ ...at, width: shownWidth, height: stampBand, rotate, color: rgb(1, 1, 1) });
    }
  }
  const pageWidth = fonts.regular.widthOfTextAtSize(pageText, size);
  draw(stamp.header, fonts.bold, margin, shownHeight - 19, shownWidth - 2 * margin);
  draw(stamp.footer, fonts.regular, margin, 12, shownWidth - 3 * margin - pageWidth);
  draw(pageText, fonts.bold, shownWidth - margin - pageWidth, 12, pageWidth + 1);
}
