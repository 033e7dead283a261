/**
 * Phone e2e (390×844): every card says bay and bed, so two patients in bed 1 of different bays are
 * never both "bed 1"; cards come bay by bay with the empty bed the feed named in its place; the
 * patient screen says bay and bed; and the printed list from a phone keeps NHS numbers whole.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { twoBaysWard } from "./support/bays";
import { nhsNumberLines } from "./support/print-checks";

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

test("a nurse's phone shows bay and bed on every card, bay by bay, with the empty bed in its place", async ({
  page,
  request,
  signInOnWardPc,
}, testInfo) => {
  const { ward, bayOne, bayTwo, bayTen } = await twoBaysWard(request);
  const wardList = await signInOnWardPc("clerk");
  await wardList.wardLink(ward).click();
  await expect(wardList.heading(new RegExp(ward))).toBeVisible();
  await expect(wardList.cards.filter({ hasText: bayOne.family })).toBeVisible();
  const cards = (await wardList.cards.allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
  expect(cards).toHaveLength(4);
  expect(cards[0]).toMatch(new RegExp(`^Bay 1, Bed 1 .*${bayOne.family}`));
  expect(cards[1]).toBe("Bay 1, Bed 2 Empty bed");
  expect(cards[2]).toMatch(new RegExp(`^Bay 2, Bed 1 .*${bayTwo.family}`));
  expect(cards[3]).toMatch(new RegExp(`^Bay 10, Bed 2 .*${bayTen.family}`));
  // No card scrolls sideways, and no NHS number breaks across lines.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect((await nhsNumberLines(page)).filter((line) => line.lines !== 1)).toEqual([]);
  await testInfo.attach("phone-ward-list.png", {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
  await expectNoSeriousAxeViolations(page);

  const patient = await wardList.openPatient(new RegExp(bayOne.family));
  await expect(patient.article.getByText(new RegExp(`${ward} · Bay 1, Bed 1 · admitted`))).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("the ward list printed from a phone keeps NHS numbers whole and lists the empty bed and a signature line", async ({
  page,
  request,
  signInOnWardPc,
}, testInfo) => {
  const { ward, bayTwo } = await twoBaysWard(request);
  const wardList = await signInOnWardPc("clerk");
  await wardList.wardLink(ward).click();
  await expect(wardList.heading(new RegExp(ward))).toBeVisible();
  await expect(wardList.cards.filter({ hasText: bayTwo.family })).toBeVisible();
  await expect(wardList.cards.filter({ hasText: "Empty bed" })).toBeVisible();
  await wardList.printWardListLink.click();
  await page.waitForURL(/\/wards\/[^/]+\/print$/);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(ward) })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  const table = page.getByRole("table");
  await expect(table.getByRole("row").filter({ hasText: "Empty bed" })).toContainText("Bay 1, Bed 2");
  await expect(table.getByRole("row").filter({ hasText: bayTwo.family })).toContainText("Bay 2, Bed 1");
  await expect(page.getByRole("region", { name: "Signature" })).toContainText("Printed by Demo Ward Clerk");
  const lines = await nhsNumberLines(page);
  expect(lines.length).toBeGreaterThanOrEqual(3);
  expect(lines.filter((line) => line.lines !== 1)).toEqual([]);
  await testInfo.attach("phone-ward-list-print-media.png", {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
  await expectNoSeriousAxeViolations(page);
});
