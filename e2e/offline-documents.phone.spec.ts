/**
 * Phone e2e (390 × 844): a downtime document opens inside the app under its patient banner,
 * online and then with no signal from the device's encrypted copy; the budget and the browser's
 * quota are on screen; the offline opening reaches the audit log as a device-reported
 * `document.open` once back online. axe on each state.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { expect, test } from "./fixtures";
import { DocumentViewerPage } from "./pages/document-viewer-page";
import { PatientPage } from "./pages/patient-page";
import { hl7Admission, postHl7, putDocument, uniqueNhsNumber } from "./support/ingest";
import { launchUrl } from "./support/launcher";

test.use({ viewport: { width: 390, height: 844 } });
// Two sync rounds, a document copy, offline and back, and an auditor's look: more than 30 s under load.
test.describe.configure({ timeout: 120_000 });

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

async function onePagePdf(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(text, { x: 50, y: 760, size: 24, font });
  return Buffer.from(await pdf.save());
}

test("a document opened offline shows under its patient banner and its opening is audited on return", async ({
  page,
  context,
  browser,
  baseURL,
  request,
  signInOnWardPc,
}) => {
  const started = new Date(Date.now() - 60_000);
  const stamp = Date.now();
  const family = `OFFDOC${String(stamp % 100000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!)}`;
  const mrn = `RXD7${stamp % 1000000}`;
  const nhsNumber = uniqueNhsNumber();
  const admitted = await postHl7(
    request,
    hl7Admission(`ODOC-${stamp}`, mrn, family, "ALD101", "B97", { nhsNumber, birthDate: "19610314" }),
  );
  expect(admitted.body).toContain("MSA|AA");
  const uploaded = await putDocument(
    request,
    { facility: "RXD01", mrn, documentId: `CARE-${stamp}` },
    {
      title: "Care plan",
      kind: "CAREPLAN",
      producedAt: new Date(stamp - 60_000),
      contentType: "application/pdf",
      body: await onePagePdf("Care plan (offline e2e)"),
    },
  );
  expect(uploaded.status).toBe(201);

  const wardList = await signInOnWardPc();
  await wardList.openPatient(new RegExp(family));
  const patient = new PatientPage(page);
  await expect(patient.name(new RegExp(family))).toBeVisible();
  await patient.document("Care plan").click();

  // Online: inside the app, under the banner, not a bare PDF tab.
  const viewer = new DocumentViewerPage(page);
  await expect(viewer.heading("Care plan")).toBeVisible();
  await expect(viewer.banner).toContainText(family);
  await expect(viewer.banner).toContainText(
    `NHS ${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`,
  );
  await expect(viewer.banner).toContainText(`MRN ${mrn}`);
  await expect(viewer.banner).toContainText("Born 14 Mar 1961");
  await expect(viewer.banner).toContainText("Alder Ward");
  await expect(viewer.banner).toContainText("B97");
  await expect(viewer.frame).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/^\/patients\/[\w-]+\/documents\/[\w-]+$/);
  const viewerUrl = page.url();
  await expectNoSeriousAxeViolations(page);

  // The copy on the device: two sync rounds, then the documents; the screen says how much is kept.
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await expect(page.locator("html[data-offline-rounds='2']")).toHaveCount(1, { timeout: 30_000 });
  await expect(viewer.storage).toContainText(/Documents on this device: \d+ KB of 50 MB budget/, {
    timeout: 30_000,
  });
  await expect(viewer.storage).toContainText(/This browser lets Downtime use \d+(\.\d)? (MB|KB)/);

  await context.setOffline(true);
  // The first navigation after going offline can be repeated by Chromium itself and cancel a
  // goto (see offline-ward-list.phone.spec.ts): retried until the document is on screen.
  await expect(async () => {
    await page.goto(viewerUrl);
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible({ timeout: 2_000 });
    await expect(viewer.frame).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await expect(viewer.banner).toContainText(family);
  await expect(viewer.banner).toContainText(`MRN ${mrn}`);
  await expect(viewer.fromDevice).toBeVisible();
  // The page was served without a session, yet the header still says whose copy this is.
  await expect(viewer.mainNav).toContainText("Demo Clinician (offline copy)");
  await expect(viewer.storage).toContainText("of 50 MB budget");
  await expectNoSeriousAxeViolations(page);

  // Back online the page reloads itself; the next sync round uploads the queued opening.
  await context.setOffline(false);
  await expect(page.getByRole("heading", { name: "You are offline" })).toHaveCount(0, { timeout: 20_000 });
  await expect(viewer.heading("Care plan")).toBeVisible();

  const auditor = await browser.newContext({ baseURL });
  try {
    const ig = await auditor.newPage();
    await ig.goto(launchUrl(baseURL!, "auditor"));
    await ig.waitForURL((address) => address.pathname !== "/launch", { waitUntil: "commit" });
    await expect
      .poll(
        async () => {
          const answer = await ig.request.get(`/api/audit/events?from=${started.toISOString()}&limit=1000`);
          const { rows } = (await answer.json()) as {
            rows: {
              action: string;
              mrn: string | null;
              offline: boolean;
              via: string;
              documentId: string | null;
            }[];
          };
          return rows
            .filter((row) => row.action === "document.open" && row.mrn === mrn)
            .map((row) => row.offline);
        },
        { timeout: 60_000, intervals: [2_000] },
      )
      .toContain(true);
  } finally {
    await auditor.close();
  }
});
