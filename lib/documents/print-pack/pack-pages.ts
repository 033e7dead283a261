/**
 * The pages the pack draws itself: the cover, one separator per patient, text documents, and
 * the notice that stands in for a document that could not be included.
 */

import type { PDFDocument, PDFFont, PDFPage } from "pdf-lib";
import { placeText } from "@/lib/ward-list/bed-place";
import type { PackInput, PackPatient } from "./pack-types";
import { a4, contentBottom, contentTop, contentWidth, PageFlow, sideMargin } from "./page-flow";
import { layoutText } from "./text-layout";

export interface PackFonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function bedText(bed: string | null, room: string | null = null): string {
  if (room?.trim()) return placeText({ room, bed });
  return bed?.trim() ? `Bed ${bed.trim()}` : "No bed yet";
}

export function coverPages(doc: PDFDocument, fonts: PackFonts, input: PackInput, omitted: number): PDFPage[] {
  const flow = new PageFlow(doc, 0);
  const documents = input.patients.reduce((sum, patient) => sum + patient.documents.length, 0);
  flow.write("Downtime documents", { font: fonts.bold, size: 24 });
  flow.gap(6);
  flow.write(`${input.ward.name} (${input.ward.code}), ${input.ward.facilityName}`, {
    font: fonts.bold,
    size: 16,
  });
  flow.gap(18);
  const facts: [string, string][] = [
    ["Printed at", input.printedAt],
    ["Printed by", input.printedBy],
    ["Data as of", input.asOf],
    ["Patients on the ward", String(input.patientsOnWard)],
    ["Patients with documents", String(input.patients.length)],
    ["Documents", String(documents)],
  ];
  for (const [label, value] of facts) flow.write(`${label}:  ${value}`, { font: fonts.regular, size: 12 });
  flow.gap(14);
  if (documents === 0) {
    flow.write("No downtime documents are held for the patients on this ward.", {
      font: fonts.bold,
      size: 13,
    });
  } else if (omitted > 0) {
    flow.write(
      `${plural(omitted, "document")} could not be included; each has a page saying so. Open them on screen.`,
      {
        font: fonts.bold,
        size: 12,
        color: [0.7, 0, 0],
      },
    );
  }
  flow.gap(24);
  flow.write("CONFIDENTIAL — shred after use", { font: fonts.bold, size: 18, color: [0.7, 0, 0] });
  flow.gap(6);
  flow.write("A copy made while the EPR was unavailable. It may be out of date: check the time above.", {
    font: fonts.regular,
    size: 10,
  });
  return flow.pages;
}

export function separatorPages(doc: PDFDocument, fonts: PackFonts, patient: PackPatient): PDFPage[] {
  const flow = new PageFlow(doc);
  flow.write(bedText(patient.bed, patient.room), { font: fonts.bold, size: 20 });
  flow.gap(4);
  flow.write(patient.name, { font: fonts.bold, size: 20 });
  flow.gap(12);
  for (const [label, value] of [
    ["NHS number", patient.nhsNumber],
    ["MRN", patient.mrn],
    ["Born", patient.born],
  ]) {
    flow.write(`${label}:  ${value}`, { font: fonts.regular, size: 13 });
  }
  flow.gap(16);
  flow.write(`${plural(patient.documents.length, "document")} follow:`, { font: fonts.bold, size: 13 });
  flow.gap(4);
  patient.documents.forEach((document, index) => {
    flow.write(`${index + 1}. ${document.title}`, { font: fonts.regular, size: 12, indent: 10 });
    flow.write(`${document.kind}, produced ${document.producedAt}`, {
      font: fonts.regular,
      size: 10,
      indent: 26,
    });
    flow.gap(3);
  });
  return flow.pages;
}

/** Courier keeps the columns of fixed-width EPR reports; HTML-derived text reads better in Helvetica. */
export function textPages(doc: PDFDocument, font: PDFFont, text: string): PDFPage[] {
  const size = font.name.startsWith("Courier") ? 9 : 10;
  const leading = size * 1.25;
  const measure = (s: string) => font.widthOfTextAtSize(s, size);
  const pagesOfLines = layoutText(text, measure, contentWidth, (contentTop - contentBottom) / leading);
  return pagesOfLines.map((lines) => {
    const page = doc.addPage(a4);
    lines.forEach((line, index) => {
      page.drawText(line, { x: sideMargin, y: contentTop - size - index * leading, font, size });
    });
    return page;
  });
}

export function notIncludedPage(doc: PDFDocument, fonts: PackFonts, title: string): PDFPage[] {
  const flow = new PageFlow(doc);
  flow.newPage();
  flow.gap(120);
  flow.boxed(() => {
    flow.write(`This document could not be included: ${title} — open it on screen`, {
      font: fonts.bold,
      size: 18,
      color: [0.7, 0, 0],
    });
    flow.gap(10);
    flow.write("Its content is missing, damaged or protected, so nothing from it is printed here.", {
      font: fonts.regular,
      size: 12,
    });
  });
  return flow.pages;
}
