/** Desktop e2e: ward PC sign-in with the launcher, replay refusal, and enrolling a phone for TOTP. */
import { expect, test } from "./fixtures";
import { AppFrame } from "./pages/app-frame";
import { SignInPage } from "./pages/sign-in-page";
import { oathtoolCode } from "./support/launcher";

test.describe.configure({ mode: "serial" });

test("a nurse opens Downtime from the ward PC shortcut and is signed in", async ({
  page,
  wardList,
  wardPcLaunchUrl,
}) => {
  const url = wardPcLaunchUrl();
  expect(url).toContain("/launch#token=");
  expect(new URL(url).search).toBe("");
  await page.goto(url);
  await expect(wardList.signedInAs("Demo Clinician")).toBeVisible();
  await expect(wardList.signedInAs("ward PC DEMO-WARD-PC")).toBeVisible();
  // The token never stays in the address bar or history.
  expect(page.url()).not.toContain("token=");
});

test("a replayed launcher link is refused with a plain message", async ({
  page,
  browser,
  wardList,
  wardPcLaunchUrl,
}) => {
  const url = wardPcLaunchUrl();
  await page.goto(url);
  await expect(wardList.signedInAs("Demo Clinician")).toBeVisible();
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(url);
  // The launch page answers with the same kind of alert as the sign-in form.
  await expect(new SignInPage(second).refusal.filter({ hasText: "Could not sign you in" })).toBeVisible();
  await expect(new AppFrame(second).signedInAs("Demo Clinician")).toHaveCount(0);
  await other.close();
});

test("enrol a phone from the ward PC, then sign in on the phone with a code from oathtool", async ({
  enrolPage,
  newPhone,
  signInOnWardPc,
}) => {
  const wardPc = await signInOnWardPc();
  await expect(wardPc.signedInAs("Demo Clinician")).toBeVisible();
  await enrolPage.goto();
  await enrolPage.start.click();
  await expect(enrolPage.qrCode).toBeVisible();
  const secret = await enrolPage.readSecret();
  await enrolPage.activateWith(oathtoolCode(secret));
  await expect(enrolPage.done).toContainText("Your phone is set up");

  const mobile = await newPhone();
  const phoneSignIn = new SignInPage(mobile);
  await phoneSignIn.goto();
  // The activation used this time step; a phone sign-in needs a later one (replay protection).
  await phoneSignIn.signIn("DEMO\\clinician", oathtoolCode(secret, 30));
  const signedIn = new AppFrame(mobile);
  await expect(signedIn.signedInAs("Demo Clinician")).toBeVisible();
  await expect(signedIn.signedInAs("(phone)")).toBeVisible();
});
