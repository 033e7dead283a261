/**
 * Desktop e2e (a ward PC at 1366×768): bay and bed on the ward list, patient screen and search;
 * empty beds known from the feed; and paper that works: the printed ward list and patient summary
 * keep NHS numbers on one line, repeat their header, the feed's age and "Page n of N" on every
 * page (read back from the PDF Chromium prints), list empty beds with space to write, and end with
 * a signature line.
 */
import { writeFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { SearchPage } from "./pages/search-page";
import type { WardListPage } from "./pages/ward-list-page";
import { admit, bayPatient, letters, newWardCode, twoBaysWard } from "./support/bays";
import { nhsNumberLines, pdfPageCount, pdfPageText } from "./support/print-checks";

test.use({ viewport: { width: 1366, height: 768 } });

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

/** Opens the ward from the switcher and waits until its own list is drawn. */
async function openWard(wardList: WardListPage, ward: string, family: string) {
  await wardList.wardLink(ward).click();
  await expect(wardList.heading(new RegExp(ward))).toBeVisible();
  await expect(wardList.table.getByRole("link", { name: new RegExp(family) })).toBeVisible();
}

/** Follows "Print ward list" and waits for the print view of this ward. */
async function openPrintView(page: Page, wardList: WardListPage, ward: string) {
  await wardList.printWardListLink.click();
  await page.waitForURL(/\/wards\/[^/]+\/print$/);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(ward) })).toBeVisible();
}

/** The first cell of each body row of the ward table: the places in the order shown. */
const placesShown = (page: Page) =>
  page.getByRole("table").locator("tbody tr > td:first-child").allInnerTexts();

test("two patients in bed 1 of different bays are told apart, in bay order, with the empty bed in its place", async ({
  page,
  request,
  signInOnWardPc,
}) => {
  const { ward, bayOne, bayTwo, bayTen } = await twoBaysWard(request);
  const wardList = await signInOnWardPc("clerk");
  await openWard(wardList, ward, bayOne.family);
  await expect(wardList.table.getByText("Empty bed")).toBeVisible();
  const places = (await placesShown(page)).map((text) => text.trim());
  expect(places).toEqual(["Bay 1, Bed 1", "Bay 1, Bed 2", "Bay 2, Bed 1", "Bay 10, Bed 2"]);
  const row = (family: string) => wardList.table.getByRole("row").filter({ hasText: family });
  await expect(row(bayOne.family)).toContainText("Bay 1, Bed 1");
  await expect(row(bayTwo.family)).toContainText("Bay 2, Bed 1");
  await expect(row(bayTen.family)).toContainText("Bay 10, Bed 2");
  await expect(wardList.table.getByRole("row").filter({ hasText: "Empty bed" })).toHaveText(
    /^Bay 1, Bed 2\s*Empty bed$/,
  );
  await expectNoSeriousAxeViolations(page);

  const patient = await wardList.openPatient(new RegExp(bayTwo.family));
  await expect(patient.article.getByText(new RegExp(`${ward} · Bay 2, Bed 1 · admitted`))).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  const search = new SearchPage(page);
  await search.goto();
  await search.search(bayOne.family);
  await expect(search.results.getByRole("listitem").filter({ hasText: bayOne.family })).toContainText(
    `${ward}, Bay 1, Bed 1`,
  );
  await search.search(bayTwo.family);
  await expect(search.results.getByRole("listitem").filter({ hasText: bayTwo.family })).toContainText(
    `${ward}, Bay 2, Bed 1`,
  );
  await expectNoSeriousAxeViolations(page);
});

test("the printed ward list keeps NHS numbers on one line, lists the empty bed with space to write, and has a signature line", async ({
  page,
  request,
  signInOnWardPc,
}, testInfo) => {
  const { ward, bayOne, bayTwo } = await twoBaysWard(request);
  const wardList = await signInOnWardPc("clerk");
  await openWard(wardList, ward, bayOne.family);
  await expect(wardList.table.getByText("Empty bed")).toBeVisible();
  await openPrintView(page, wardList, ward);
  await expectNoSeriousAxeViolations(page);

  await page.emulateMedia({ media: "print" });
  const table = page.getByRole("table");
  await expect(table.getByRole("row").filter({ hasText: bayOne.family })).toContainText("Bay 1, Bed 1");
  await expect(table.getByRole("row").filter({ hasText: bayTwo.family })).toContainText("Bay 2, Bed 1");
  const empty = table.getByRole("row").filter({ hasText: "Empty bed" });
  await expect(empty).toContainText("Bay 1, Bed 2");
  // Space to write a paper admission: the empty bed's row is taller than a patient's one-line row.
  const emptyHeight = (await empty.boundingBox())!.height;
  const patientHeight = (await table.getByRole("row").filter({ hasText: bayTwo.family }).boundingBox())!
    .height;
  expect(emptyHeight).toBeGreaterThanOrEqual(patientHeight);
  expect(emptyHeight).toBeGreaterThanOrEqual(50);
  const signature = page.getByRole("region", { name: "Signature" });
  await expect(signature).toContainText("Printed by Demo Ward Clerk");
  await expect(signature).toContainText("Signature");
  await expect(signature).toContainText("Time");
  await expect(
    page.getByText(/Printed \d{2} \w{3} \d{4} \d{2}:\d{2} by Demo Ward Clerk · Data as of \d{2}:\d{2}/),
  ).toBeVisible();
  const lines = await nhsNumberLines(page);
  expect(lines.map((line) => line.text)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^\d{3} \d{3} \d{4}$/)]),
  );
  expect(lines.length).toBeGreaterThanOrEqual(3);
  expect(lines.filter((line) => line.lines !== 1)).toEqual([]);
  await attachScreenshot(page, testInfo, "ward-list-print-media.png");
  await expectNoSeriousAxeViolations(page);
});

test("a printed ward list of several pages carries the ward, print time, feed age and page n of N on every page", async ({
  page,
  request,
  signInOnWardPc,
}, testInfo) => {
  test.setTimeout(90_000);
  const ward = newWardCode("BIG");
  const stamp = letters(Date.now() % 100000);
  const patients = Array.from({ length: 44 }, (_, index) =>
    bayPatient(
      ward,
      `PAGE${letters(index).padStart(2, "A")}${stamp}`,
      `Bay ${Math.floor(index / 6) + 1}`,
      String((index % 6) + 1),
      index,
    ),
  );
  // A few at a time: the feed applies them in any order, the list sorts them.
  for (let start = 0; start < patients.length; start += 4) {
    await Promise.all(patients.slice(start, start + 4).map((patient) => admit(request, ward, patient)));
  }
  const wardList = await signInOnWardPc("clerk");
  await openWard(wardList, ward, patients[43]!.family);
  await openPrintView(page, wardList, ward);

  const pdf = await page.pdf({ preferCSSPageSize: true });
  const path = testInfo.outputPath("ward-list.pdf");
  writeFileSync(path, pdf);
  await testInfo.attach("ward-list.pdf", { path, contentType: "application/pdf" });
  const pages = await pdfPageCount(pdf);
  expect(pages).toBeGreaterThanOrEqual(2);
  for (let number = 1; number <= pages; number++) {
    const text = pdfPageText(path, number);
    expect(text, `page ${number}`).toContain(`${ward} — Northgate`);
    expect(text, `page ${number}`).toMatch(/Printed \d{2} \w{3} \d{4} \d{2}:\d{2} by Demo Ward Clerk/);
    expect(text, `page ${number}`).toMatch(/Data as of \d{2}:\d{2} \(last update from the hospital system\)/);
    expect(text, `page ${number}`).toContain(`Page ${number} of ${pages}`);
    // The column headings repeat on every page that lists patients (the last may hold only the signature).
    if (text.includes(stamp)) expect(text, `page ${number}`).toMatch(/NHS number/);
    // No blank sheet: every page lists patients or carries the signature line.
    expect(
      text.includes(stamp) || /Printed by Demo Ward Clerk\s+Signature/.test(text),
      `page ${number}`,
    ).toBe(true);
  }
  const last = pdfPageText(path, pages);
  expect(last).toMatch(/Printed by Demo Ward Clerk\s+Signature\s+Time/);
  // Every patient is on paper, bay by bay: the last bay's last bed is on the last page.
  expect(last).toContain(patients[43]!.family);
  expect(pdfPageText(path, 1)).toContain(patients[0]!.family);
});

test("the printed patient summary repeats the patient, feed age and page n of N, and has a signature line", async ({
  page,
  request,
  signInOnWardPc,
}, testInfo) => {
  const { ward, bayTwo } = await twoBaysWard(request);
  const wardList = await signInOnWardPc("clerk");
  await openWard(wardList, ward, bayTwo.family);
  const patient = await wardList.openPatient(new RegExp(bayTwo.family));
  await patient.printSummaryLink.click();
  await page.waitForURL(/\/patients\/[^/]+\/print$/);
  await expect(page.getByText(/Patient summary · printed .* CONFIDENTIAL/)).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("region", { name: "Signature" })).toContainText("Printed by Demo Ward Clerk");
  const lines = await nhsNumberLines(page);
  expect(lines.length).toBeGreaterThanOrEqual(1);
  expect(lines.filter((line) => line.lines !== 1)).toEqual([]);
  await attachScreenshot(page, testInfo, "patient-summary-print-media.png");

  const pdf = await page.pdf({ preferCSSPageSize: true });
  const path = testInfo.outputPath("patient-summary.pdf");
  writeFileSync(path, pdf);
  await testInfo.attach("patient-summary.pdf", { path, contentType: "application/pdf" });
  const pages = await pdfPageCount(pdf);
  for (let number = 1; number <= pages; number++) {
    const text = pdfPageText(path, number);
    expect(text, `page ${number}`).toContain(bayTwo.family);
    expect(text, `page ${number}`).toContain(`${ward}, Bay 2, Bed 1`);
    expect(text, `page ${number}`).toMatch(/Printed \d{2} \w{3} \d{4} \d{2}:\d{2}/);
    expect(text, `page ${number}`).toContain("by Demo Ward Clerk");
    expect(text, `page ${number}`).toMatch(/Data as of \d{2}:\d{2}/);
    expect(text, `page ${number}`).toContain(`Page ${number} of ${pages}`);
  }
  expect(pdfPageText(path, pages)).toMatch(/Printed by Demo Ward Clerk\s+Signature\s+Time/);
});
