/**
 * Builds the ward's print pack as one PDF: cover, then per patient (in the order given, which is
 * bed order) a separator and each of their documents — PDF pages copied in untouched, text and
 * HTML laid out as text — and finally every page stamped with whose it is and "page n of N".
 * A document that cannot be read or parsed gets a notice page instead; it never fails the pack.
 */
import { PDFDocument, type PDFPage, StandardFonts } from "pdf-lib";
import { htmlToText } from "./html-to-text";
import {
  bedText,
  coverPages,
  notIncludedPage,
  type PackFonts,
  separatorPages,
  textPages,
} from "./pack-pages";
import type { PackDocument, PackInput, PackResult } from "./pack-types";
import { type Stamp, stampPage } from "./page-stamp";

type DocumentPages = { pages: PDFPage[]; copied: boolean };

const decodeUtf8 = (bytes: Uint8Array) => new TextDecoder("utf-8").decode(bytes);

async function documentPages(
  doc: PDFDocument,
  fonts: PackFonts,
  document: PackDocument,
): Promise<DocumentPages | null> {
  if (!document.content) return null;
  try {
    if (document.contentType === "application/pdf") {
      // Encrypted PDFs throw here (pdf-lib cannot decrypt): "protected" gets the notice page.
      const source = await PDFDocument.load(document.content, { updateMetadata: false });
      if (source.getPageCount() === 0) return null;
      const pages = await doc.copyPages(source, source.getPageIndices());
      for (const page of pages) doc.addPage(page);
      return { pages, copied: true };
    }
    if (document.contentType === "text/plain") {
      return { pages: textPages(doc, fonts.mono, decodeUtf8(document.content)), copied: false };
    }
    if (document.contentType === "text/html") {
      return {
        pages: textPages(doc, fonts.regular, htmlToText(decodeUtf8(document.content))),
        copied: false,
      };
    }
    return null;
  } catch {
    // Whatever is wrong with one document (corrupt, truncated, unsupported), the rest still print.
    return null;
  }
}

export async function buildPack(input: PackInput): Promise<PackResult> {
  const doc = await PDFDocument.create();
  // Document metadata is visible in any viewer's properties: the ward, never a patient.
  doc.setTitle(`${input.ward.code} downtime documents`);
  doc.setCreator("Downtime");
  const fonts: PackFonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const stamps = new Map<string, Stamp>();
  const mark = (pages: PDFPage[], stamp: Stamp) => {
    for (const page of pages) stamps.set(page.ref.toString(), stamp);
  };
  const ward = `${input.ward.name} (${input.ward.code}), ${input.ward.facilityName}`;
  const footer = `${ward} · printed ${input.printedAt} · CONFIDENTIAL — shred after use`;
  const included = new Set<string>();
  let omitted = 0;

  for (const patient of input.patients) {
    const header = `${bedText(patient.bed, patient.room)} · ${patient.name} · NHS ${patient.nhsNumber} · MRN ${patient.mrn}`;
    mark(separatorPages(doc, fonts, patient), { header, footer, addBand: false });
    for (const document of patient.documents) {
      const result = await documentPages(doc, fonts, document);
      if (result) {
        included.add(document.documentId);
        mark(result.pages, { header, footer, addBand: result.copied });
      } else {
        omitted++;
        mark(notIncludedPage(doc, fonts, document.title), { header, footer, addBand: false });
      }
    }
  }
  // Written last so it can count what was left out; inserted at the front.
  mark(coverPages(doc, fonts, input, omitted), {
    header: `Downtime documents · ${ward}`,
    footer,
    addBand: false,
  });

  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const stamp = stamps.get(page.ref.toString());
    if (!stamp) throw new Error("Every page of a pack must have a stamp");
    stampPage(page, stamp, `Page ${index + 1} of ${pages.length}`, fonts);
  });
  // pdf-lib's save() allocates a new, unshared ArrayBuffer; its declared type is only wider.
  const pdf = (await doc.save()) as Uint8Array<ArrayBuffer>;
  return { pdf, pages: pages.length, included };
}
