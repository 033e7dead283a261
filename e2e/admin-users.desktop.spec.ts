/**
 * Desktop e2e: the console's Users section as an admin on a ward PC. A CSV import with one bad
 * row (the preview shows it, nothing is written, the error report downloads), the fixed file
 * imported batch by batch to 100 %; and one user created, edited, granted scope and disabled.
 * Usernames carry a per-run suffix, so the spec can repeat against the same server.
 */
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const header = "username,display_name,roles,wards,facilities,enabled,non_prod_allowed";

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

/** The table's count line for a search. */
async function usersMatching(page: Page, search: string) {
  await page.goto(`/admin/users?q=${encodeURIComponent(search)}`);
  return page.getByRole("status").filter({ hasText: /\d+ users?/ });
}

test.describe.configure({ mode: "serial" });

test("an admin imports staff from CSV: a bad row stops everything, the fixed file imports to 100 %", async ({
  page,
  signInOnWardPc,
}) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const prefix = `e2e\\imp${run}-`;
  // Cedar, not Alder: every run adds 450 users, and e2e/admin-enrolment prints Alder's whole ward.
  const rows = Array.from(
    { length: 450 },
    (_, i) => `E2E\\imp${run}-${i},Imported ${run} ${i},clinician,RXD01/CED103,,,`,
  );
  const bad = [...rows];
  bad[3] = `E2E\\imp${run}-3,Imported ${run} 3,clinician,RXD01/NOPE99,,,`;
  const file = (lines: string[]) => ({
    name: "ward-staff.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([header, ...lines].join("\r\n")),
  });

  await signInOnWardPc("admin");
  await page.goto("/admin/users/import");
  await expect(page.getByRole("heading", { name: "Import users from CSV" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles(file(bad));

  const preview = page.getByRole("region", { name: /Preview of ward-staff.csv/ });
  await expect(
    preview.getByText("450 users: 449 to create, 0 to update, 0 unchanged, 1 problem."),
  ).toBeVisible();
  await expect(preview.getByRole("alert")).toContainText("Nothing will be imported");
  const badRow = preview.getByRole("row").filter({ hasText: "RXD01/NOPE99" });
  await expect(badRow.getByRole("cell").first()).toHaveText("5");
  await expect(badRow).toContainText("wards: Unknown ward code: RXD01/NOPE99");
  await expect(preview.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await preview.getByRole("button", { name: "Download error report" }).click();
  const report = await download;
  expect(report.suggestedFilename()).toBe("staff-import-errors-ward-staff.csv");
  expect(await readFile((await report.path())!, "utf8")).toBe(
    '"row","column","message"\r\n"5","wards","Unknown ward code: RXD01/NOPE99"\r\n',
  );

  await expect(await usersMatching(page, prefix)).toHaveText("0 users");

  await page.goto("/admin/users/import");
  await page.getByLabel("CSV file").setInputFiles(file(rows));
  await expect(page.getByText("450 users: 450 to create, 0 to update, 0 unchanged.")).toBeVisible();
  await expect(page.getByText("Written in 3 batches of up to 200.")).toBeVisible();
  await page.getByRole("button", { name: "Import 450 users" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" })).toHaveText(
    "Imported: 450 created, 0 updated, 0 unchanged.",
    { timeout: 60_000 },
  );
  await expect(page.getByText("Import progress: 100 %")).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveAttribute("value", "450");

  await expect(await usersMatching(page, prefix)).toHaveText("450 users; showing 50 at a time");
  // The same file again changes nothing.
  await page.goto("/admin/users/import");
  await page.getByLabel("CSV file").setInputFiles(file(rows));
  await expect(page.getByText("450 users: 0 to create, 0 to update, 450 unchanged.")).toBeVisible();
});

test("an admin creates a user, edits them, grants and removes ward scope, and disables them", async ({
  page,
  signInOnWardPc,
}) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const username = `e2e\\new${run}`;
  await signInOnWardPc("admin");
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "New user" }).click();

  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Windows username").fill(username.toUpperCase());
  await form.getByLabel("Display name").fill(`New Starter ${run}`);
  await form.getByLabel("Ward clerk").check();
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status").filter({ hasText: "User created." })).toBeVisible();
  await expect(page.getByRole("heading", { name: `New Starter ${run}` })).toBeVisible();
  await expect(page.getByText(username, { exact: true })).toBeVisible();
  await expectAccessible(page);
  const userPage = new URL(page.url()).pathname;

  // The same username again is refused on the form, with what was typed kept.
  await page.goto("/admin/users/new");
  await form.getByLabel("Windows username").fill(username);
  await form.getByLabel("Display name").fill("Duplicate");
  await form.getByLabel("Clinician").check();
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("alert")).toContainText("already exists");
  await expect(form.getByLabel("Display name")).toHaveValue("Duplicate");
  await page.goto(userPage);

  const details = page.getByRole("form", { name: "Details and roles" });
  await details.getByLabel("Display name").fill(`Renamed ${run}`);
  await details.getByLabel("Clinician").check();
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved");
  await expect(page.getByRole("heading", { name: `Renamed ${run}` })).toBeVisible();

  const grant = page.getByRole("form", { name: "Grant a ward" });
  await grant.getByLabel("Ward").selectOption("RXD01/ALD101");
  await grant.getByRole("button", { name: "Grant ward" }).click();
  await expect(grant.getByRole("status")).toHaveText("Granted RXD01/ALD101");
  const scope = page.getByRole("list", { name: "Granted scope" });
  await expect(scope).toContainText("RXD01/ALD101");
  const facility = page.getByRole("form", { name: "Grant a facility" });
  await facility.getByLabel("Facility (every ward)").selectOption("RXD02");
  await facility.getByRole("button", { name: "Grant facility" }).click();
  await expect(scope).toContainText("All of RXD02");
  await page
    .getByRole("form", { name: "Remove RXD01/ALD101" })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(scope).not.toContainText("RXD01/ALD101");
  await expect(scope).toContainText("All of RXD02");

  const unlock = page.getByRole("form", { name: "Unlock" });
  await unlock.getByRole("button", { name: "Unlock" }).click();
  await expect(unlock.getByRole("status")).toHaveText("Nothing to unlock: no device was waiting");

  const disable = page.getByRole("form", { name: "Disable user" });
  await disable.getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("form", { name: "Enable user" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Disabled$/ })).toBeVisible();

  // The table shows the user as edited: renamed, two roles, the facility, disabled.
  await page.goto(`/admin/users?q=${encodeURIComponent(username)}&enabled=no`);
  const row = page.getByRole("row").filter({ hasText: username });
  await expect(row).toContainText(`Renamed ${run}`);
  await expect(row).toContainText("Clinician, Ward clerk");
  await expect(row).toContainText("all of RXD02");
  await expect(row).toContainText("Disabled");
  await expect(row).toContainText("Not set up");
  await expect(row).toContainText("Never");
});
