/**
 * Test-only: the text each page of a PDF draws, read back from its content streams. pdf-lib
 * writes standard-font text as WinAnsi hex strings (`<48656C6C6F> Tj`), so this is enough to
 * check what a pack printed without poppler. Nothing in the app imports it.
 */
import { decodePDFRawStream, PDFArray, PDFDocument, type PDFPage, PDFRawStream, PDFRef } from "pdf-lib";

// Node decodes "windows-1252" as ISO-8859-1, so 0x80–0x9F (—, •, …) are mapped here (PDF 32000-1 D.2).
const cp1252High = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
const winAnsi = (bytes: Buffer) =>
  [...bytes]
    .map((byte) => (byte >= 0x80 && byte <= 0x9f ? cp1252High[byte - 0x80] : String.fromCharCode(byte)))
    .join("");

function contentStreams(page: PDFPage): PDFRawStream[] {
  const contents = page.node.Contents();
  const items = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  return items
    .map((item) => (item instanceof PDFRef ? page.doc.context.lookup(item) : item))
    .filter((item): item is PDFRawStream => item instanceof PDFRawStream);
}

export function pageText(page: PDFPage): string {
  const operators = contentStreams(page)
    .map((stream) => new TextDecoder("latin1").decode(decodePDFRawStream(stream).decode()))
    .join("\n");
  return [...operators.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)]
    .map((match) => winAnsi(Buffer.from(match[1] ?? "", "hex")))
    .join("\n");
}

export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map(pageText);
}

/** A small real PDF with one line of text per page, made the way the tests need it. */
export async function syntheticPdf(
  pageLines: string[],
  size: [number, number] = [595, 842],
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont("Helvetica");
  for (const line of pageLines) doc.addPage(size).drawText(line, { x: 60, y: size[1] / 2, font, size: 14 });
  return doc.save();
}
