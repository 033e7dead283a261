/**
 * Desktop e2e: the console's publishing and retention, storage and downtime sections. An admin
 * shortens the stale limit and is told exactly which patients and documents that purges, runs
 * the purge and the patient leaves a clinician's ward list; unticks a published field and the
 * next patient arrives without it; declares downtime and a clinician sees the banner until it
 * is ended. Each test puts back what it changed: the suite shares one server.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { hl7Admission, hl7AdmissionAt, postHl7, putDocument } from "./support/ingest";
import { launchUrl } from "./support/launcher";

/** Family names must be letters: digits of the stamp become letters. */
const lettersOf = (stamp: number) =>
  String(stamp % 1_000_000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!);

async function expectNoSeriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

/** A clinician on a ward PC of their own (a second browser context), on their first ward. */
async function clinicianOnWardPc(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(launchUrl(baseURL, "clinician"));
  await page.waitForURL((address) => address.pathname.startsWith("/wards/"));
  return page;
}

const rowOf = (page: Page, family: string) => page.getByRole("row").filter({ hasText: family.toUpperCase() });

async function runPurgeNow(admin: Page): Promise<string> {
  const result = admin.getByTestId("purge-now-result");
  const before = await result.getAttribute("data-at");
  await admin.getByRole("button", { name: "Run the purge now" }).click();
  await expect.poll(() => result.getAttribute("data-at"), { timeout: 30_000 }).not.toBe(before);
  return (await result.textContent()) ?? "";
}

/** Saves the retention fields as they are on the form, through the warning's confirm step. */
async function saveRetention(admin: Page, staleDays: string) {
  await admin.getByLabel("Days without any event before a stay counts as stale").fill(staleDays);
  await admin.getByRole("button", { name: "Save changes" }).click();
  const warning = admin.getByTestId("purge-impact");
  await expect(warning).toBeVisible();
  const text = (await warning.textContent()) ?? "";
  await admin.getByRole("button", { name: "Confirm and save" }).click();
  await expect(admin.getByText(/^Saved\./)).toBeVisible();
  return text;
}

test("a shorter stale limit warns with exact counts, and the purge takes the quiet patient off the ward list", async ({
  page: admin,
  browser,
  baseURL,
  request,
  signInOnWardPc,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const family = `QUIET${lettersOf(stamp)}`;
  const mrn = `RXD7${stamp % 1_000_000}`;
  // Admitted ten days ago with no message since: on the ward list, but quiet.
  const admitted = await postHl7(
    request,
    hl7AdmissionAt(`RET-${stamp}`, mrn, family, "ALD101", "B97", new Date(stamp - 10 * 86_400_000)),
  );
  expect(admitted.body).toContain("MSA|AA");
  const uploaded = await putDocument(
    request,
    { facility: "RXD01", mrn, documentId: `MAR-${stamp}` },
    {
      title: "Medication administration record",
      kind: "MAR",
      producedAt: new Date(stamp - 60_000),
      contentType: "application/pdf",
      body: Buffer.from("%PDF-1.4\n% retention e2e\n%%EOF\n"),
    },
  );
  expect(uploaded.status).toBe(201);

  const clinician = await clinicianOnWardPc(browser, baseURL!);
  await expect(rowOf(clinician, family)).toBeVisible();

  await signInOnWardPc("admin");
  await admin.goto("/admin/publishing?facility=RXD01");
  await expect(admin.getByRole("heading", { level: 1, name: "Publishing and retention" })).toBeVisible();
  await expectNoSeriousViolations(admin);
  // Whatever is due already goes first, so the warning counts only what the change adds.
  await runPurgeNow(admin);

  const stale = admin.getByLabel("Days without any event before a stay counts as stale");
  await expect(stale).toHaveValue("30");
  await stale.fill("7");
  await admin.getByRole("button", { name: "Save changes" }).click();
  const warning = admin.getByTestId("purge-impact");
  await expect(warning).toContainText("removes 1 patient from Riverside General Hospital");
  await expect(warning).toContainText("1 current patient on a ward list now");
  await expect(warning).toContainText("1 document (");
  await expectNoSeriousViolations(admin);
  await admin.getByRole("button", { name: "Confirm and save" }).click();
  await expect(admin.getByText(/^Saved\./)).toBeVisible();

  expect(await runPurgeNow(admin)).toContain("Purge finished: 1 patient and 1 document");
  await clinician.reload();
  await expect(clinician.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(rowOf(clinician, family)).toHaveCount(0, { timeout: 15_000 });

  // The run wrote today's storage row; the page states its formula.
  await admin.goto("/admin/storage");
  await expect(admin.getByRole("heading", { level: 1, name: "Storage" })).toBeVisible();
  await expect(admin.getByText(/GB-months = \(sum over the month's days/)).toBeVisible();
  await admin.getByText("Show the figures as a table").first().click();
  await expect(
    admin.getByRole("table", { name: "GB held per facility per day" }).getByRole("row", {
      name: new RegExp(`^${new Date().toISOString().slice(0, 10)}`),
    }),
  ).toBeVisible();
  await expectNoSeriousViolations(admin);

  // Put the default back for the rest of the suite.
  await admin.goto("/admin/publishing?facility=RXD01");
  expect(await saveRetention(admin, "30")).toContain("removes 0 patients");
  await clinician.context().close();
});

test("a field turned off disappears from the preview at once and from the next patient ingested", async ({
  page: admin,
  browser,
  baseURL,
  request,
  signInOnWardPc,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const before = `KEPT${lettersOf(stamp)}`;
  const after = `BARE${lettersOf(stamp)}`;
  expect(
    (
      await postHl7(
        request,
        hl7Admission(`PUB-A-${stamp}`, `RXD8${stamp % 1_000_000}`, before, "ALD101", "B95"),
      )
    ).body,
  ).toContain("MSA|AA");

  await signInOnWardPc("admin");
  await admin.goto("/admin/publishing?facility=RXD01");
  const preview = admin.getByTestId("ward-row-preview");
  await expect(preview).toContainText("Dr Ada Okafor");
  const consultant = admin.getByRole("checkbox", { name: "Consultant" });
  await consultant.uncheck();
  // The preview follows the box before anything is saved.
  await expect(preview).not.toContainText("Okafor");
  await expect(preview).toContainText("SAMPLE, Preview");
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText(/^Saved\./)).toBeVisible();

  try {
    const admitted = await postHl7(
      request,
      hl7Admission(`PUB-B-${stamp}`, `RXD9${stamp % 1_000_000}`, after, "ALD101", "B96"),
    );
    expect(admitted.body).toContain("MSA|AA");
    const clinician = await clinicianOnWardPc(browser, baseURL!);
    await expect(rowOf(clinician, before)).toContainText(/Okafor/i);
    await expect(rowOf(clinician, after)).toBeVisible();
    await expect(rowOf(clinician, after)).not.toContainText(/Okafor/i);
    await clinician.context().close();
  } finally {
    await admin.goto("/admin/publishing?facility=RXD01");
    await admin.getByRole("checkbox", { name: "Consultant" }).check();
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByText(/^Saved\./)).toBeVisible();
  }
});

test("declared downtime puts a banner in front of every signed-in clinician until it is ended", async ({
  page: admin,
  browser,
  baseURL,
  signInOnWardPc,
}) => {
  test.setTimeout(150_000);
  const reason = `EPR unavailable: e2e planned upgrade ${lettersOf(Date.now())}`;
  const banner = (page: Page) => page.getByRole("status", { name: "Downtime" });
  // A ward list left open on a ward PC: the banner must reach it without a reload.
  const wardPc = await clinicianOnWardPc(browser, baseURL!);
  await expect(wardPc.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(banner(wardPc)).toHaveCount(0);

  await signInOnWardPc("admin");
  await admin.goto("/admin/downtime");
  await expect(admin.getByRole("heading", { level: 1, name: "Downtime switch" })).toBeVisible();
  await expect(admin.getByTestId("downtime-status")).toContainText("not declared");
  await expectNoSeriousViolations(admin);

  // Too short a reason is refused with a message, not a crash.
  await admin.getByLabel(/^Reason/).fill("x");
  await admin.getByRole("button", { name: "Declare downtime" }).click();
  await expect(admin.getByText("Say why downtime is being declared (3 to 500 characters)")).toBeVisible();

  await admin.getByLabel(/^Reason/).fill(reason);
  await admin.getByRole("button", { name: "Declare downtime" }).click();
  await expect(admin.getByTestId("downtime-status")).toContainText("Downtime is declared");
  await expect(banner(admin)).toContainText(reason);

  // A clinician signing in now sees it on every page.
  const clinician = await clinicianOnWardPc(browser, baseURL!);
  await expect(banner(clinician)).toContainText(reason);
  await expect(banner(clinician)).toContainText(/since \d{2} \w{3} \d{4} \d{2}:\d{2}/);
  await clinician.goto("/search");
  await expect(banner(clinician)).toContainText(reason);
  // The open ward list picks it up within its 30-second check (or on coming into view).
  await wardPc.bringToFront();
  await expect(banner(wardPc)).toContainText(reason, { timeout: 40_000 });

  await admin.getByRole("button", { name: "End downtime" }).click();
  await expect(admin.getByTestId("downtime-status")).toContainText("not declared");
  await expect(banner(admin)).toHaveCount(0);
  await clinician.reload();
  await expect(clinician.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(banner(clinician)).toHaveCount(0);
  await wardPc.bringToFront();
  await expect(banner(wardPc)).toHaveCount(0, { timeout: 40_000 });

  const history = admin.getByRole("table", { name: "Downtime declarations, newest first" });
  await expect(history.getByRole("row").filter({ hasText: reason })).toContainText(/ by /);
  await expect(history.getByRole("row").filter({ hasText: reason })).not.toContainText("Not ended");
  await clinician.context().close();
  await wardPc.context().close();
});
