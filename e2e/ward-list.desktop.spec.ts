/** Desktop e2e: ward list, patient screen, print views, documents and switching wards (search: search-scope). */
import AxeBuilder from "@axe-core/playwright";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { expect, test } from "./fixtures";
import { hl7Admission, hl7AdmissionAt, hl7CancelAdmission, postHl7, putDocument } from "./support/ingest";

test("a nurse on a ward PC sees the ward list, a patient with two identifiers, and prints the list", async ({
  page,
  signInOnWardPc,
}) => {
  const wardList = await signInOnWardPc();
  await expect(wardList.heading(/Alder Ward/)).toBeVisible();
  await expect(wardList.freshnessBadge(/connected to Downtime/)).toBeVisible();
  await expect(wardList.rows.nth(1)).toBeVisible();
  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(accessibility.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual(
    [],
  );

  const patient = await wardList.openPatient();
  await expect(patient.stayHistory).toBeVisible();
  await expect(patient.identifiers).toBeVisible();
  const patientAxe = await new AxeBuilder({ page }).analyze();
  expect(patientAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // The patient summary on paper: portrait, identifiers repeated at the foot of each page.
  await patient.printSummaryLink.click();
  await expect(page.getByText(/Patient summary · printed .* CONFIDENTIAL/)).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByText(/^[A-Z0-9' -]+, .* · NHS \d{3} \d{3} \d{4} · MRN \S+$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await page.screenshot({ path: "test-results/patient-summary-print.png", fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.goBack();
  await patient.backToWardLink.click();
  // The paper fallback for documents: one PDF of every document on the ward, opened in a new tab.
  const pack = await page.request.get((await wardList.printDocumentsLink.getAttribute("href"))!);
  expect(pack.status()).toBe(200);
  expect(pack.headers()["content-type"]).toBe("application/pdf");
  expect((await pack.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await wardList.printWardListLink.click();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByText(/CONFIDENTIAL: shred after use/)).toBeVisible();
  await expect(wardList.mainNav).toBeHidden();
  await page.screenshot({ path: "test-results/ward-list-print.png", fullPage: true });
});

/** The Chromium PDF viewer's built-in extension: a PDF shown inline runs in its frame. */
const pdfViewerOrigin = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/";

async function onePagePdf(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(text, { x: 50, y: 760, size: 24, font });
  return Buffer.from(await pdf.save());
}

test("a downtime PDF from the engine opens in the app under the patient banner, in the browser's PDF viewer", async ({
  page,
  context,
  request,
  signInOnWardPc,
}) => {
  const stamp = Date.now();
  const family = `PAPERLESS${String(stamp % 100000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!)}`;
  const mrn = `RXD6${stamp % 1000000}`;
  const admitted = await postHl7(request, hl7Admission(`DOC-${stamp}`, mrn, family, "ALD101", "B98"));
  expect(admitted.body).toContain("MSA|AA");
  const uploaded = await putDocument(
    request,
    { facility: "RXD01", mrn, documentId: `MAR-${stamp}` },
    {
      title: "Medication administration record",
      kind: "MAR",
      producedAt: new Date(stamp - 60_000),
      contentType: "application/pdf",
      body: await onePagePdf("Medication administration record (e2e)"),
    },
  );
  expect(uploaded.status).toBe(201);

  const wardList = await signInOnWardPc();
  const patient = await wardList.openPatient(new RegExp(family));
  await expect(patient.name(new RegExp(family))).toBeVisible();
  const downloads: string[] = [];
  context.on("page", (opened) => opened.on("download", (download) => downloads.push(download.url())));
  page.on("download", (download) => downloads.push(download.url()));
  const pages = context.pages().length;
  await patient.document("Medication administration record").click();
  // Not a bare PDF tab: the same tab, the app's viewer, the patient's banner above the document.
  await expect(page).toHaveURL(/\/patients\/[\w-]+\/documents\/[\w-]+$/);
  expect(context.pages()).toHaveLength(pages);
  const banner = page.getByRole("region", { name: "Patient" });
  await expect(banner).toContainText(family);
  await expect(banner).toContainText(`MRN ${mrn}`);
  await expect(page.locator("iframe[src^='blob:']")).toBeVisible();
  // Shown inline by the browser's viewer inside the frame, not saved as a download.
  await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(pdfViewerOrigin))).toBe(true);
  expect(downloads).toEqual([]);
  // The viewer read the document: its page count comes from the PDF itself.
  const viewerFrame = page.frames().find((frame) => frame.url().startsWith(pdfViewerOrigin))!;
  await expect(viewerFrame.locator("#pagelength")).toHaveText("1");
  await page.screenshot({ path: "test-results/document-pdf-inline.png" });
});

test("the sign-in page has no serious accessibility problems", async ({ page, signInPage }) => {
  await signInPage.goto();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});

test("switching wards shows the other ward's patients, never the last ward's", async ({ signInOnWardPc }) => {
  const wardList = await signInOnWardPc();
  await expect(wardList.rows.nth(1)).toBeVisible();
  const firstWardNames = await wardList.table.getByRole("link").allTextContents();
  const other = wardList.otherWard();
  const otherName = (await other.textContent())!.replace(/\s*\(.*$/, "");
  await other.click();
  await expect(wardList.heading(new RegExp(otherName))).toBeVisible();
  await expect(wardList.wardLink(new RegExp(otherName))).toHaveAttribute("aria-current", "page");
  await expect(wardList.listRegion.or(wardList.noPatients)).toBeVisible();
  const shown = await wardList.table.getByRole("link").allTextContents();
  expect(shown.filter((name) => firstWardNames.includes(name))).toEqual([]);
});

test("an admission whose cancel arrived first never shows on the ward list", async ({
  request,
  signInOnWardPc,
}) => {
  // Letters only, unique per run: the names must not be digits (an MRN search) nor meet another run's.
  const tag = String(Date.now() % 100000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!);
  const stamp = Date.now();
  const at = new Date(stamp - 60_000);
  const cancelled = { mrn: `RXD7${stamp % 1000000}`, family: `CANCELLED${tag}`, visit: `CX-${stamp}` };
  // Epic-style: the A11 carries the admission's own event time, and the engine delivers it first.
  const cancel = await postHl7(
    request,
    hl7CancelAdmission(
      `${cancelled.visit}-A11`,
      cancelled.visit,
      cancelled.mrn,
      cancelled.family,
      "ALD101",
      "B97",
      at,
    ),
  );
  expect(cancel.body).toContain("MSA|AA");
  const admit = await postHl7(
    request,
    hl7AdmissionAt(cancelled.visit, cancelled.mrn, cancelled.family, "ALD101", "B97", at),
  );
  expect(admit.body).toContain("MSA|AA");
  // Sent after both: once it shows, the list is newer than the cancelled admission.
  const kept = `KEPT${tag}`;
  const control = await postHl7(
    request,
    hl7Admission(`KP-${stamp}`, `RXD6${stamp % 1000000}`, kept, "ALD101", "B96"),
  );
  expect(control.body).toContain("MSA|AA");

  const wardList = await signInOnWardPc();
  await expect(wardList.heading(/Alder Ward/)).toBeVisible();
  await expect(wardList.patients.getByRole("link", { name: new RegExp(kept, "i") })).toBeVisible();
  await expect(wardList.patients.getByRole("link", { name: new RegExp(cancelled.family, "i") })).toHaveCount(
    0,
  );
});
