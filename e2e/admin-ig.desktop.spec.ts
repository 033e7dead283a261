/**
 * Desktop e2e: an IG report by NHS number. A clinician views a patient on the ward list and the
 * patient record, then opens it again from the device copy with no signal; back online the device
 * reports that read. The IG auditor runs "who accessed this patient" and sees all three kinds of
 * access, downloads the same report as CSV, and finds the report run in the audit itself. The
 * device's background syncs of that patient are not reads: the report leaves them out until the
 * auditor asks for them.
 */
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

test("IG finds a patient's ward-list, record and offline reads by NHS number, and exports them", async ({
  page,
  context,
  browser,
  baseURL,
  signInOnWardPc,
  wardPcLaunchUrl,
}) => {
  test.setTimeout(120_000);
  const wardList = await signInOnWardPc();
  await expect(wardList.heading(/Alder Ward/)).toBeVisible();
  const patient = await wardList.openPatient();
  await expect(patient.stayHistory).toBeVisible();
  const identifiers = (await patient.identifiers.textContent())!;
  const spaced = identifiers.match(/NHS (\d{3} \d{3} \d{4})/)![1]!;
  const nhsNumber = spaced.replaceAll(" ", "");
  const patientUrl = page.url();

  // The encrypted device copy syncs; then, with no signal, the record opens from it (as in
  // offline-ward-list.phone.spec.ts, retried past Chromium's own repeat of the first navigation).
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await expect(page.locator("html[data-offline-rounds='2']")).toHaveCount(1, { timeout: 20_000 });
  await context.setOffline(true);
  await expect(async () => {
    await page.goto(patientUrl);
    await expect(wardList.offlineHeading).toBeVisible({ timeout: 2_000 });
    await expect(patient.identifiersOnPage).toContainText(`NHS ${spaced}`, { timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  // Back online, the device uploads its queued reads with the next sync.
  await context.setOffline(false);
  await expect(wardList.offlineHeading).toHaveCount(0, { timeout: 15_000 });
  await expect(patient.identifiers).toContainText(`NHS ${spaced}`);

  // The IG auditor, in a browser of their own.
  const igContext = await browser.newContext({ baseURL });
  const ig = await igContext.newPage();
  await ig.goto(wardPcLaunchUrl("ig"));
  await ig.waitForURL((address) => address.pathname !== "/launch", { waitUntil: "commit" });
  await ig.goto("/admin/ig");
  await ig.getByLabel("Identifier").selectOption("nhs-number");
  await ig.getByLabel("NHS number or MRN").fill(nhsNumber);
  await ig.getByRole("button", { name: "Run report" }).click();
  await expect(ig).toHaveURL(/report=patient/);
  const table = ig.getByRole("table");
  await expect(ig.getByRole("region", { name: "Report" })).toContainText(`NHS ${nhsNumber}`);

  // The device's report arrives with its next sync: run the report again until it is listed. The
  // largest page keeps this run's rows on it however many earlier runs (--repeat-each) added.
  const reportUrl = `/admin/ig?report=patient&idType=nhs-number&id=${nhsNumber}&limit=1000`;
  await expect(async () => {
    await ig.goto(reportUrl);
    await expect(
      table.getByRole("row").filter({ hasText: "offline read (device report)" }).first(),
    ).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 45_000 });
  for (const how of ["ward list", "patient record", "offline read (device report)"]) {
    await expect(
      table.getByRole("row").filter({ hasText: how }).filter({ hasText: "demo\\clinician" }).first(),
    ).toBeVisible();
  }
  const offlineRow = table.getByRole("row").filter({ hasText: "offline read (device report)" }).last();
  await expect(offlineRow).toContainText("offline");
  await expect(offlineRow).toContainText("patient.view");
  // Views and opens only by default: the syncs that put the patient on the device are not listed.
  await expect(ig.getByRole("region", { name: "Report" })).toContainText(
    "background syncs to devices are not shown",
  );
  await expect(table.getByRole("row").filter({ hasText: "patient.sync" })).toHaveCount(0);
  await expect(
    table.getByRole("row").filter({ hasText: "Copied to a device by background sync" }),
  ).toHaveCount(0);
  await ig.screenshot({ path: "test-results/ig-report.png", fullPage: true });
  const axe = await new AxeBuilder({ page: ig }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // Asked for, the syncs are there: one event per sync round, found by the patient it listed.
  await ig.getByLabel("Include background syncs to devices").check();
  await ig.getByRole("button", { name: "Run report" }).click();
  await expect(ig).toHaveURL(/syncs=include/);
  await ig.goto(`${reportUrl}&syncs=include`);
  await expect(ig.getByLabel("Include background syncs to devices")).toBeChecked();
  const syncRow = table
    .getByRole("row")
    .filter({ hasText: "patient.sync" })
    .filter({ hasText: "demo\\clinician" })
    .last();
  await expect(syncRow).toContainText("Copied to a device by background sync");
  await expect(syncRow).toContainText(`NHS ${nhsNumber}`);
  const withSyncs = await new AxeBuilder({ page: ig }).analyze();
  expect(withSyncs.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await ig.goto(reportUrl);

  // The same report as CSV.
  const [download] = await Promise.all([
    ig.waitForEvent("download"),
    ig.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toContain('"via"');
  expect(lines.length).toBeGreaterThan(3);
  expect(lines.slice(1).every((line) => line.includes(`"${nhsNumber}"`))).toBe(true);
  for (const via of ["ward-list", "patient-record", "device-report"]) {
    expect(lines.some((line) => line.includes(`"${via}"`) && line.includes('"demo\\clinician"'))).toBe(true);
  }

  // Running the report was audited: the auditor's own trail lists it.
  await ig.goto("/admin/ig?report=user&user=DEMO%5Cauditor&limit=1000");
  await expect(table.getByRole("row").filter({ hasText: "audit.report" }).first()).toBeVisible();
  await igContext.close();
});
