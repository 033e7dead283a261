import { degrees, PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { buildPack } from "./pack-builder";
import type { PackDocument, PackInput } from "./pack-types";
import { pdfPageTexts, syntheticPdf } from "./pdf-text.test-kit";

const utf8 = (text: string) => new TextEncoder().encode(text);

function doc(
  id: string,
  contentType: string,
  content: Uint8Array | null,
  title = `Title ${id}`,
): PackDocument {
  return { documentId: id, title, kind: "mar", contentType, producedAt: "20 Nov 2026 09:00", content };
}

function input(patients: PackInput["patients"]): PackInput {
  return {
    ward: { code: "OAK", name: "Oak", facilityName: "Riverside" },
    printedAt: "20 Nov 2026 12:00",
    printedBy: "Nia Nurse",
    asOf: "20 Nov 2026 11:58",
    patientsOnWard: 3,
    patients,
  };
}

const ann = { bed: "B1", name: "JONES, Ann", nhsNumber: "943 476 5919", mrn: "W1", born: "02 Mar 1945" };
const bob = { bed: "B2", name: "SMITH, Bob", nhsNumber: "—", mrn: "W2", born: "—" };
const annHeader = "Bed B1 · JONES, Ann · NHS 943 476 5919 · MRN W1";
const bobHeader = "Bed B2 · SMITH, Bob · NHS — · MRN W2";

describe("buildPack", () => {
  it("puts cover, separators and every document in order, each page stamped with its patient", async () => {
    const twoPages = await syntheticPdf(["MAR page one", "MAR page two"]);
    const landscape = await syntheticPdf(["Obs chart"], [842, 595]);
    const pack = await buildPack(
      input([
        {
          ...ann,
          documents: [
            doc("a1", "application/pdf", twoPages),
            doc("a2", "text/plain", utf8("Fluid balance\n\tin 500 ml")),
          ],
        },
        {
          ...bob,
          documents: [
            doc("b1", "text/html", utf8("<script>x()</script><h1>Care plan</h1><p>Turn &amp; check</p>")),
            doc("b2", "application/pdf", landscape),
          ],
        },
      ]),
    );
    // cover + (separator + 2 + 1) + (separator + 1 + 1)
    expect(pack.pages).toBe(8);
    expect(pack.included).toEqual(new Set(["a1", "a2", "b1", "b2"]));
    const texts = await pdfPageTexts(pack.pdf);
    expect(texts).toHaveLength(8);
    const bodies = [
      "Patients with documents:  2",
      "1. Title a1",
      "MAR page one",
      "MAR page two",
      "Fluid balance",
    ];
    bodies.push("2. Title b2", "Care plan", "Obs chart");
    expect(texts.map((text, index) => text.includes(bodies[index] ?? "?"))).toEqual(bodies.map(() => true));
    expect(texts[0]).toContain("Printed by:  Nia Nurse");
    expect(texts[0]).toContain("CONFIDENTIAL — shred after use");
    expect(texts[6]).not.toContain("x()");
    expect(texts[6]).toContain("Turn & check");
    texts.forEach((text, index) => {
      expect(text).toContain(
        index === 0 ? "Downtime documents · Oak (OAK), Riverside" : index < 5 ? annHeader : bobHeader,
      );
      expect(text).toContain(`Page ${index + 1} of 8`);
    });
  });

  it("gives a corrupt, encrypted or unreadable document a notice page and carries on", async () => {
    const good = await syntheticPdf(["Good chart"]);
    // pdf-lib cannot encrypt; a trailer /Encrypt entry is what makes a reader treat a file as encrypted.
    const locked = await PDFDocument.load(await syntheticPdf(["Secret"]));
    locked.context.trailerInfo.Encrypt = locked.context.obj({ Filter: "Standard", V: 1, R: 2 });
    const encrypted = await locked.save({ useObjectStreams: false });
    const pack = await buildPack(
      input([
        {
          ...ann,
          documents: [
            doc("bad", "application/pdf", utf8("%PDF-1.7\n1 0 obj garbage"), "Broken MAR"),
            doc("gone", "application/pdf", null, "Missing plan"),
            doc("locked", "application/pdf", encrypted, "Locked chart"),
            doc("ok", "application/pdf", good),
          ],
        },
      ]),
    );
    expect(pack.included).toEqual(new Set(["ok"]));
    const texts = await pdfPageTexts(pack.pdf);
    expect(texts).toHaveLength(6);
    expect(texts[0]).toContain("3 documents could not be included");
    expect(texts[2]).toContain("This document could not be included: Broken MAR");
    expect(texts[2]).toContain("open it on screen");
    expect(texts[3]).toContain("This document could not be included: Missing plan");
    expect(texts[4]).toContain("This document could not be included: Locked chart");
    expect(texts.join("\n")).not.toContain("Secret");
    expect(texts[5]).toContain("Good chart");
    for (const text of texts.slice(1)) expect(text).toContain(annHeader);
  });

  it("adds a band for the stamp to copied pages instead of covering their content, rotated pages too", async () => {
    const source = await PDFDocument.load(await syntheticPdf(["Upright", "Turned"]));
    source.getPage(1).setRotation(degrees(90));
    const pack = await buildPack(
      input([{ ...ann, documents: [doc("r", "application/pdf", await source.save())] }]),
    );
    const out = await PDFDocument.load(pack.pdf);
    const [upright, turned] = [out.getPage(2), out.getPage(3)];
    expect(upright.getCropBox()).toEqual({ x: 0, y: -30, width: 595, height: 902 });
    expect(turned.getCropBox()).toEqual({ x: -30, y: 0, width: 655, height: 842 });
    const texts = await pdfPageTexts(pack.pdf);
    expect(texts[3]).toContain(annHeader);
    expect(texts[3]).toContain("Page 4 of 4");
  });

  it("says so on the cover when the ward has no documents, and is still a valid PDF", async () => {
    const pack = await buildPack(input([]));
    expect(pack.pages).toBe(1);
    const texts = await pdfPageTexts(pack.pdf);
    expect(texts[0]).toContain("No downtime documents are held for the patients on this ward.");
    expect(texts[0]).toContain("Page 1 of 1");
  });

  it("prints names no standard font can draw instead of failing", async () => {
    const pack = await buildPack(
      input([
        { ...ann, name: "ŁUKASIEWICZ, Zoë 李", documents: [doc("t", "text/plain", utf8("Żółć → 5 µg"))] },
      ]),
    );
    const texts = await pdfPageTexts(pack.pdf);
    expect(texts[2]).toContain("Bed B1 · ?UKASIEWICZ, Zoë ? · NHS");
    expect(texts[2]).toContain("Zó?c ? 5 µg");
  });
});
