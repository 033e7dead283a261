/**
 * Desktop e2e: an admin issues an API key in the console, the integration engine posts HL7 with it,
 * feed health shows the messages (and a rejection, without patient data), and the key revoked in
 * the console is refused on the next post. Then a feed that stops posting is called silent: the red
 * banner on every console page and /api/health "degraded" with HTTP 200, after the source's own
 * threshold (1 minute, set in the console; the e2e server's default is longer than a suite run).
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { hl7Admission, postHl7WithKey } from "./support/ingest";

async function expectNoSeriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

/** Creates a key for RXD01 on /admin/integration and reads it from the once-only display. */
async function createKey(page: Page, name: string): Promise<string> {
  await page.goto("/admin/integration");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: /^RXD01 · / }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = page.getByLabel("New API key");
  await expect(key).toHaveValue(/^dtk_[a-z2-7]{8}_/);
  await expect(sourceRow(page, name)).toContainText("Active");
  return key.inputValue();
}

/** The table row whose row header is exactly `label` (a key's name, a source's label). */
function sourceRow(page: Page, label: string) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
}

async function revokeKey(page: Page, name: string) {
  await page.goto("/admin/integration");
  const row = sourceRow(page, name);
  await row.getByText("Revoke…").click();
  await row.getByRole("button", { name: `Confirm revoking ${name}` }).click();
  await expect(row.getByRole("status")).toContainText(`Revoked ${name}`);
}

test("an admin issues a key, the engine posts with it, feed health shows it, and the revoked key is refused", async ({
  page,
  request,
  signInOnWardPc,
}) => {
  const stamp = Date.now();
  const name = `E2E engine ${stamp}`;
  await signInOnWardPc("admin");
  const key = await createKey(page, name);
  await expectNoSeriousViolations(page);

  const mrn = `RXD8${stamp % 1_000_000}`;
  const accepted = await postHl7WithKey(
    request,
    key,
    hl7Admission(`INT-${stamp}`, mrn, "FEEDTEST", "ALD101", "B96"),
  );
  expect(accepted.status).toBe(200);
  expect(accepted.body).toContain("MSA|AA|");
  // No family name: AR, and a rejection on the feed page with its control id and reason only.
  const rejected = await postHl7WithKey(
    request,
    key,
    hl7Admission(`REJ-${stamp}`, `${mrn}9`, "", "ALD101", "B95"),
  );
  expect(rejected.body).toContain("MSA|AR|");

  await page.goto("/admin/feed");
  await expect(page.getByRole("heading", { name: "Feed health", level: 1 })).toBeVisible();
  const source = sourceRow(page, `${name} · PAS · RXD01`);
  await expect(source).toContainText("Receiving");
  await expect(source.getByRole("cell").nth(1)).toHaveText("1"); // AA in the last 24 hours
  const rejection = page.getByRole("row", { name: new RegExp(`REJ-${stamp}`) });
  await expect(rejection).toContainText("PID-5 has no family name");
  await expect(rejection).toContainText("AR");
  // The chart's text alternative: an hourly table, folded away under the chart.
  await page.getByText("Show the figures as a table").click();
  const hourly = page.getByRole("table", { name: "Messages per hour, last 24 hours" });
  await expect(hourly).toBeVisible();
  await expect(hourly.getByRole("row")).toHaveCount(25);
  expect(await page.content()).not.toContain(mrn);
  await expectNoSeriousViolations(page);

  await revokeKey(page, name);
  const refused = await postHl7WithKey(
    request,
    key,
    hl7Admission(`INT2-${stamp}`, mrn, "FEEDTEST", "ALD101", "B96"),
  );
  // A revoked key is no credential: 401 with an AR ACK saying so (integration guide section 2).
  expect(refused.status).toBe(401);
  expect(refused.body).toContain("MSA|AR|");
  expect(refused.body).toContain("API key revoked");
});

test("a feed that stops posting is called silent: red console banner and /api/health degraded with 200", async ({
  page,
  request,
  signInOnWardPc,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const name = `E2E quiet engine ${stamp}`;
  const label = `${name} · PAS · RXD01`;
  await signInOnWardPc("admin");
  const key = await createKey(page, name);
  const posted = await postHl7WithKey(
    request,
    key,
    hl7Admission(`QUIET-${stamp}`, `RXD7${stamp % 1_000_000}`, "QUIETFEED", "ALD101", "B94"),
  );
  expect(posted.body).toContain("MSA|AA|");

  await page.goto("/admin/feed");
  const source = sourceRow(page, label);
  await source.getByLabel(`Silent after (minutes) for ${label}`).fill("1");
  await source.getByRole("button", { name: "Save" }).click();
  await expect(source.getByRole("status")).toHaveText("Saved: silent after 1 minutes.");
  await expect(page.getByRole("alert").filter({ hasText: "Feed silent" })).toHaveCount(0);

  // Nothing more is posted: past the minute (plus the alarm's 15 s of sharing), health says so.
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/health");
        const body = (await response.json()) as { status: string; feeds?: { silent: { source: string }[] } };
        return `${response.status()} ${body.status} ${body.feeds?.silent.map((s) => s.source).includes(label)}`;
      },
      { timeout: 150_000, intervals: [5_000] },
    )
    .toBe("200 degraded true");

  await page.goto("/admin/integration");
  const banner = page.getByRole("alert").filter({ hasText: "Feed silent" });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(label);
  await page.goto("/admin/feed");
  await expect(page.getByRole("alert").filter({ hasText: "Feed silent" })).toContainText(label);
  await expect(sourceRow(page, label)).toContainText("Silent");
  await expectNoSeriousViolations(page);

  // Retiring the key stops the alarm for its source (and leaves the suite's health as it found it).
  await revokeKey(page, name);
  await page.goto("/admin/feed");
  await expect(page.getByRole("alert").filter({ hasText: label })).toHaveCount(0);
  const after = (await (await request.get("/api/health")).json()) as {
    feeds?: { silent: { source: string }[] };
  };
  expect(after.feeds?.silent.map((s) => s.source)).not.toContain(label);
});
