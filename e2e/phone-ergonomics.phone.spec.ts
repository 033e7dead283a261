/**
 * Phone e2e at 390 × 844: the first screen of the ward list shows at least five patients; the
 * skip link, focus ring and dark mode; the sign-in placeholder and a username without its domain;
 * the iPhone Safari install prompt. axe on each state.
 */
import { expect, test } from "./fixtures";
import {
  bodyBackgroundLuminance,
  expectNoSeriousAxeViolations,
  expectSkipLinkToPatientList,
  expectVisibleFocusRing,
} from "./support/ergonomics";
import { oathtoolCode } from "./support/launcher";

test.use({ viewport: { width: 390, height: 844 } });
test.describe.configure({ timeout: 60_000 });

const iPhoneSafari =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

test("the first screen of a ward list shows at least five patients", async ({ page, signInOnWardPc }) => {
  const wardList = await signInOnWardPc();
  await expect(wardList.cards.nth(5)).toBeAttached();
  // A patient is shown when the card's first line (bay, bed and name) is on the first screen;
  // the flags under it may continue below the fold.
  const bottoms = await wardList.cards.evaluateAll((cards) =>
    cards.map((card) => {
      const line = card.querySelector("a > span") ?? card;
      return line.getBoundingClientRect().bottom + window.scrollY;
    }),
  );
  const onFirstScreen = bottoms.filter((bottom) => bottom <= 844).length;
  expect(onFirstScreen).toBeGreaterThanOrEqual(5);
  await expectNoSeriousAxeViolations(page);
});

test("the skip link is the first stop and leads to the patient list; focus is visible", async ({
  page,
  signInOnWardPc,
}) => {
  const wardList = await signInOnWardPc();
  await expect(wardList.cards.first()).toBeVisible();
  await expectSkipLinkToPatientList(page);
  await page.keyboard.press("Tab");
  await expectVisibleFocusRing(page);
  await expectNoSeriousAxeViolations(page);
});

test("dark mode follows the system setting and keeps AA contrast", async ({ page, signInOnWardPc }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  const wardList = await signInOnWardPc();
  await expect(wardList.cards.first()).toBeVisible();
  expect(await bodyBackgroundLuminance(page)).toBeLessThan(0.05);
  await expectNoSeriousAxeViolations(page);
  await wardList.openPatient();
  await expect(page.getByRole("heading", { name: "Stay history" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await bodyBackgroundLuminance(page)).toBeGreaterThan(0.8);
});

test("the sign-in form shows TRUST\\jbloggs and accepts a username without its domain", async ({
  page,
  signInPage,
  enrolPhone,
}) => {
  const secret = await enrolPhone();
  await signInPage.goto();
  expect(await signInPage.username.getAttribute("placeholder")).toBe("TRUST\\jbloggs");
  await expectNoSeriousAxeViolations(page);
  // The demo directory holds one domain (DEMO), so "clinician" can only mean DEMO\clinician.
  await signInPage.signIn("clinician", oathtoolCode(secret, 30));
  await page.waitForURL((address) => address.pathname !== "/sign-in", { waitUntil: "commit" });
  await expect(page.getByText("Demo Clinician")).toBeVisible();
});

test("Safari on an iPhone is asked to add Downtime to the Home Screen, and told why", async ({
  browser,
  baseURL,
}) => {
  const iPhone = await browser.newContext({
    baseURL,
    userAgent: iPhoneSafari,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await iPhone.newPage();
    await page.goto("/sign-in");
    const prompt = page.getByRole("region", { name: "Add Downtime to your Home Screen" });
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText(
      "Add Downtime to your Home Screen so your offline copy is not deleted after 7 days without use",
    );
    await expect(prompt).toContainText("Share");
    await expect(prompt).toContainText("Add to Home Screen");
    await expectNoSeriousAxeViolations(page);
    await prompt.getByRole("button", { name: "Not now" }).click();
    await expect(prompt).toHaveCount(0);
  } finally {
    await iPhone.close();
  }
});

test("other phone browsers are not asked to install", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Add Downtime to your Home Screen" })).toHaveCount(0);
});
