/**
 * Desktop e2e: a ward the feed sends before anyone set it up appears in the console's facilities
 * and wards flagged for review, with its patient; the admin names it and marks it reviewed.
 */
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { hl7Admission, postHl7 } from "./support/ingest";

// Ingest, a sign-in and axe: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

test("a ward first seen in the feed is flagged; the admin renames it and marks it reviewed", async ({
  page,
  request,
  signInOnWardPc,
}) => {
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const wardCode = `NEW${suffix}`;
  const control = `E2E-FAC-${suffix}`;
  await postHl7(request, hl7Admission(control, `MRN${suffix}`, "FEEDWARD", wardCode, "B1"));

  await signInOnWardPc("admin");
  await page.goto("/admin/facilities?review=1&facility=RXD01");
  await expect(page.getByRole("heading", { name: "Facilities and wards" })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(wardCode) });
  await expect(row.getByText("New from the feed")).toBeVisible();
  await expect(row.getByRole("cell", { name: "1", exact: true })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  const name = row.getByLabel(`Name of ward RXD01/${wardCode}`);
  await expect(name).toHaveValue(wardCode);
  await name.fill("Newt Ward");
  await row.getByRole("button", { name: "Rename" }).click();
  await expect(row.getByRole("status")).toContainText(`Renamed RXD01/${wardCode} to Newt Ward`);

  await row.getByRole("button", { name: `Mark ${wardCode} reviewed` }).click();
  // Reviewed: it leaves the "to review" list.
  await expect(page.getByRole("row", { name: new RegExp(wardCode) })).toHaveCount(0);
  await page.goto("/admin/facilities?facility=RXD01&sort=created&dir=desc");
  const reviewed = page.getByRole("row", { name: new RegExp(wardCode) });
  await expect(reviewed.getByText(/^Reviewed /)).toBeVisible();
  await expect(reviewed.getByLabel(`Name of ward RXD01/${wardCode}`)).toHaveValue("Newt Ward");
});
