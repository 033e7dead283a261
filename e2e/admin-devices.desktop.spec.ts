/**
 * Desktop e2e: an admin registers a ward PC in the console from the public JWK its launcher would
 * print (a key pair made here), the PC's launcher token signs a nurse in and the console shows it
 * seen; the admin revokes it in the console, and the PC's open session ends and its next token
 * is refused. Pasting a private key or another curve is refused with a plain message.
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { AppFrame } from "./pages/app-frame";
import { SignInPage } from "./pages/sign-in-page";

// Several sign-ins, key generation and axe: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

/** A launch URL signed by the real launcher CLI with this PC's own key (as the desktop shortcut does). */
function launchUrlFor(baseURL: string, deviceId: string, keyFile: string, user = "clinician"): string {
  const result = spawnSync(
    process.execPath,
    [
      "launcher/downtime-launcher.mjs",
      "launch",
      "--device",
      deviceId,
      "--key",
      keyFile,
      "--app",
      baseURL,
      "--dry-run",
    ],
    { encoding: "utf8", env: { ...process.env, USERDOMAIN: "DEMO", DOWNTIME_LAUNCHER_USER: user } },
  );
  if (result.status !== 0) throw new Error(`launcher failed: ${result.stderr}`);
  return result.stdout.trim().split("\n").at(-1)!;
}

test("register a ward PC from its JWK, sign in with it, revoke it: the session ends and its next token is refused", async ({
  page,
  browser,
  baseURL,
  signInOnWardPc,
}) => {
  const deviceId = `E2E-PC-${randomUUID().slice(0, 8).toUpperCase()}`;
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const folder = mkdtempSync(path.join(tmpdir(), "ward-pc-"));
  const keyFile = path.join(folder, `${deviceId}.private.pem`);
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  const wardPc = await browser.newContext({ baseURL });
  try {
    await signInOnWardPc("admin");
    await page.goto("/admin/devices");
    await expect(page.getByRole("heading", { name: "Ward PCs", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Setting up a ward PC" })).toBeVisible();
    await expect(page.getByText("launcher/README.md")).toBeVisible();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

    const register = page.getByRole("region", { name: "Register a ward PC" });
    await register.getByLabel("Device id").fill(deviceId);
    await register.getByLabel("Name").fill("E2E nurses' station");
    await register.getByLabel("Location").fill("Alder Ward");
    const jwkBox = register.getByLabel("Public key (JWK) the launcher printed");
    const submit = register.getByRole("button", { name: "Register PC" });

    // The mistakes an installer makes: the private key, another curve.
    await jwkBox.fill(JSON.stringify(privateKey.export({ format: "jwk" })));
    await submit.click();
    await expect(register.getByRole("alert")).toContainText("This is a private key");
    const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" }).publicKey.export({ format: "jwk" });
    await jwkBox.fill(JSON.stringify(p384));
    await submit.click();
    await expect(register.getByRole("alert")).toContainText("must be an EC P-256 or Ed25519 JWK");

    const jwk = { ...publicKey.export({ format: "jwk" }), kid: deviceId, alg: "ES256", use: "sig" };
    // Another PC's key (its kid names that PC) is refused too.
    await jwkBox.fill(JSON.stringify({ ...jwk, kid: "WARDPC-OTHER-01" }));
    await submit.click();
    await expect(register.getByRole("alert")).toContainText(`made for WARDPC-OTHER-01, not ${deviceId}`);
    // The installer pastes the whole keygen output, as the launcher printed it.
    await jwkBox.fill(
      `Wrote C:\\ProgramData\\Downtime\\${deviceId}.private.pem. Register this public key (it is not secret):\n` +
        `${JSON.stringify(jwk)}\nThumbprint (RFC 7638): (as printed)\n`,
    );
    await submit.click();
    await expect(register.getByRole("status")).toContainText(`Registered ${deviceId}`);
    const row = page.getByRole("row", { name: new RegExp(deviceId) });
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
    await expect(row.getByText("Not yet")).toBeVisible();

    // The same id again is a conflict, with what to do instead.
    await register.getByLabel("Device id").fill(deviceId);
    await register.getByLabel("Name").fill("Again");
    await register.getByLabel("Location").fill("Alder Ward");
    await jwkBox.fill(JSON.stringify(jwk));
    await submit.click();
    await expect(register.getByRole("alert")).toContainText("already registered; use a new id");

    // The PC's launcher token is accepted: a nurse is signed in on it.
    const nurse = await wardPc.newPage();
    await nurse.goto(launchUrlFor(baseURL!, deviceId, keyFile));
    await expect(new AppFrame(nurse).signedInAs(`ward PC ${deviceId}`)).toBeVisible();
    await expect(new AppFrame(nurse).signedInAs("Demo Clinician")).toBeVisible();
    await page.reload();
    await expect(row.getByText("Not yet")).toHaveCount(0);

    // Revoke it in the console.
    await row.getByText(`Revoke ${deviceId}`, { exact: true }).click();
    await row.getByRole("button", { name: `Revoke ${deviceId} now` }).click();
    await expect(
      page.getByRole("row", { name: new RegExp(deviceId) }).getByText(/^Revoked \d/),
    ).toBeVisible();

    // Its open session has ended: the next request is told so.
    await nurse.reload();
    await expect(new SignInPage(nurse).sessionEnded).toBeVisible();
    // And its next token is refused.
    const fresh = await browser.newContext({ baseURL });
    try {
      const again = await fresh.newPage();
      await again.goto(launchUrlFor(baseURL!, deviceId, keyFile));
      await expect(new SignInPage(again).refusal.filter({ hasText: "Could not sign you in" })).toBeVisible();
      await expect(new AppFrame(again).signedInAs("Demo Clinician")).toHaveCount(0);
    } finally {
      await fresh.close();
    }
  } finally {
    await wardPc.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
