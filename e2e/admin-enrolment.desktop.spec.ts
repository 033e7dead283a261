/**
 * Desktop e2e: an admin prints the QR enrolment sheet for a ward from the console, the printed
 * sheet's QR code (screenshot in print media, decoded by ZBar's zbarimg) is exactly the otpauth URI,
 * and a phone signs in with a code oathtool makes from that secret; the console then shows the
 * card as activated.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { AppFrame } from "./pages/app-frame";
import { SignInPage } from "./pages/sign-in-page";
import { oathtoolCode } from "./support/launcher";

// Several sign-ins, a build under load and axe: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

/** Every QR code in a PNG, as ZBar reads it (one payload per line). */
function zbarimg(file: string): string[] {
  const run = spawnSync("/usr/bin/zbarimg", ["--raw", "-q", file], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`zbarimg found no QR code (${run.status}): ${run.stderr}`);
  return run.stdout.trim().split("\n");
}

// The card carries the Google Authenticator key URI for the user, with the environment in the issuer.
const clinicianUri =
  /^otpauth:\/\/totp\/Downtime%20\(LOCAL\):demo%5Cclinician\?secret=([A-Z2-7]{32})&issuer=Downtime%20\(LOCAL\)$/;

test("an admin prints a ward's QR sheet; the printed card signs a phone in; the console shows it activated", async ({
  page,
  baseURL,
  signInOnWardPc,
  newPhone,
}) => {
  await signInOnWardPc("admin");
  await page.goto("/admin/enrolment");
  await expect(page.getByRole("heading", { name: "QR enrolment sheets" })).toBeVisible();

  // The demo clinician's first ward (Alder, at RXD01).
  const ward = page.locator('select[name="ward"]');
  const alder = await ward
    .locator("option", { hasText: /Alder.*\(RXD01\// })
    .first()
    .getAttribute("value");
  await ward.selectOption(alder!);
  await page.getByRole("button", { name: "Show" }).click();
  await page.waitForURL((url) => url.searchParams.get("ward") === alder);
  await expect(page.getByRole("cell", { name: "demo\\clinician", exact: true })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await page.getByRole("button", { name: `Print cards for everyone on ${alder}` }).click();
  await expect(page.getByRole("status").filter({ hasText: /ready to print/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Print preview: \d+ cards?/ })).toBeVisible();
  const preview = page.frameLocator('iframe[title="Enrolment cards, A4 print preview"]');
  const card = preview.locator("section.card", { hasText: "demo\\clinician" });
  await expect(card.getByRole("img", { name: "Enrolment QR code for demo\\clinician" })).toBeVisible();
  // Which web address to open on the phone, in full (the app's own origin here: no PUBLIC_ORIGIN).
  await expect(card).toContainText(`On your phone, open ${new URL("/sign-in", baseURL).toString()}`);
  await expect(preview.getByText("LOCAL environment, not live").first()).toBeVisible();

  // What the printer gets: the sheet in print media. Decode the clinician's card from a screenshot.
  await page.emulateMedia({ media: "print" });
  const folder = mkdtempSync(path.join(tmpdir(), "enrolment-sheet-"));
  try {
    const shot = path.join(folder, "card.png");
    await card.locator(".qr").screenshot({ path: shot });
    const [uri, ...others] = zbarimg(shot);
    expect(others).toEqual([]);
    const secret = clinicianUri.exec(uri!)?.[1];
    expect(uri, "the exact otpauth URI").toMatch(clinicianUri);

    // The user signs in on their own phone with the printed card: the first code activates it.
    const phone = await newPhone();
    const signIn = new SignInPage(phone);
    await signIn.goto();
    await signIn.signIn("DEMO\\clinician", oathtoolCode(secret!));
    await phone.waitForURL((address) => address.pathname !== "/sign-in", { waitUntil: "commit" });
    await expect(new AppFrame(phone).signedInAs("Demo Clinician")).toBeVisible();
    await expect(new AppFrame(phone).signedInAs("(phone)")).toBeVisible();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  await page.emulateMedia({ media: "screen" });
  await page.reload();
  const row = page.getByRole("row", { name: /demo\\clinician/ });
  await expect(row.getByText("Activated", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Activated: [1-9]/ })).toBeVisible();
});

test("re-printing one card from the console makes a new secret; the card it replaces stops working", async ({
  page,
  signInOnWardPc,
  newPhone,
}) => {
  await signInOnWardPc("admin");
  await page.goto("/admin/enrolment?q=clerk");
  const printed: string[] = [];
  const frame = page.locator('iframe[title="Enrolment cards, A4 print preview"]');
  for (let round = 0; round < 2; round += 1) {
    const before = round === 0 ? null : await frame.getAttribute("srcdoc");
    await page.getByRole("button", { name: /^(Print|Re-print) card for demo\\clerk$/ }).click();
    await expect(page.getByRole("heading", { name: "Print preview: 1 card" })).toBeVisible();
    // Each print is a new sheet (a new secret), never the one already on screen.
    await expect.poll(() => frame.getAttribute("srcdoc")).not.toBe(before);
    const qr = page
      .frameLocator('iframe[title="Enrolment cards, A4 print preview"]')
      .getByRole("img", { name: "Enrolment QR code for demo\\clerk" });
    await expect(qr).toBeVisible();
    const folder = mkdtempSync(path.join(tmpdir(), "enrolment-card-"));
    try {
      await qr.screenshot({ path: path.join(folder, "card.png") });
      printed.push(zbarimg(path.join(folder, "card.png"))[0]!);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    await expect(
      page.getByRole("row", { name: /demo\\clerk/ }).getByText("Printed, not used yet"),
    ).toBeVisible();
  }
  const secrets = printed.map((uri) => new URL(uri).searchParams.get("secret")!);
  expect(secrets[0]).not.toBe(secrets[1]);

  const phone = await newPhone();
  const signIn = new SignInPage(phone);
  await signIn.goto();
  await signIn.attempt("DEMO\\clerk", oathtoolCode(secrets[0]!));
  await expect(signIn.refusal.filter({ hasText: "did not match" })).toBeVisible();
  await signIn.signIn("DEMO\\clerk", oathtoolCode(secrets[1]!));
  await expect(new AppFrame(phone).signedInAs("Demo Ward Clerk")).toBeVisible();
});
