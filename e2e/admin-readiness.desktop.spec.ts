/**
 * Desktop e2e: the readiness dashboard. The test seeds a ward of its own (staff, sign-ins, a phone
 * enrolment, a ward PC, an admission and a document) through the admin API, the launcher and the
 * feeds, works out the figures it should show, and reads them on the page, in the JSON API and in
 * the printable A4 report. A fresh ward per run keeps --repeat-each honest.
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { EnrolPage } from "./pages/enrol-page";
import { hl7AdmissionAt, postHl7, putDocument } from "./support/ingest";
import { demoKey, oathtoolCode } from "./support/launcher";

/** A launch link signed by the launcher CLI for `user` on `device` with `key`. */
function launch(baseURL: string, user: string, device = "DEMO-WARD-PC", key = demoKey): string {
  const result = spawnSync(
    process.execPath,
    [
      "launcher/downtime-launcher.mjs",
      "launch",
      "--device",
      device,
      "--key",
      key,
      "--app",
      baseURL,
      "--dry-run",
    ],
    { encoding: "utf8", env: { ...process.env, USERDOMAIN: "DEMO", DOWNTIME_LAUNCHER_USER: user } },
  );
  if (result.status !== 0) throw new Error(`launcher failed: ${result.stderr}`);
  return result.stdout.trim().split("\n").at(-1)!;
}

/** Signs `user` in on a ward PC in a context of its own; returns the page (closed by the caller). */
async function signInElsewhere(browser: Browser, baseURL: string, url: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForURL((address) => address.pathname !== "/launch", { waitUntil: "commit" });
  await expect(page.getByText(name).first()).toBeVisible();
  return page;
}

test("readiness shows a ward's figures as seeded, rated by the admin's thresholds, and prints on A4", async ({
  page,
  browser,
  baseURL,
  signInOnWardPc,
}) => {
  test.setTimeout(90_000);
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const wardCode = `RDY${tag}`;
  const wardPath = `RXD01/${wardCode}`;
  await signInOnWardPc("admin");
  const api = page.request;
  // State-changing requests must say they come from the app's own origin (lib/security/csrf.ts).
  const post = (url: string, data: unknown) =>
    api.post(url, { data, headers: { Origin: new URL(baseURL!).origin } });

  // A ward of its own, three staff with direct grants on it.
  const ward = await post("/api/admin/facilities/RXD01/wards", {
    code: wardCode,
    name: `Readiness ${tag}`,
    bedCount: 4,
  });
  expect(ward.status()).toBe(201);
  const wardId = ((await ward.json()) as { id: string }).id;
  const names = ["a", "b", "c"].map((letter) => `rdy${tag.toLowerCase()}${letter}`);
  for (const name of names) {
    const created = await post("/api/admin/users", {
      username: `DEMO\\${name}`,
      displayName: `Ready ${name}`,
      roles: ["clinician"],
      wards: [wardPath],
      nonProdAllowed: true,
    });
    expect(created.status()).toBe(201);
  }

  // A ward PC registered on the ward, with its own key.
  const deviceId = `PC-${wardCode}`;
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "readiness-")), "pc.pem");
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
  const device = await post("/api/admin/devices", {
    id: deviceId,
    name: `Ward PC ${tag}`,
    location: "Nurses' station",
    wardId,
    publicJwk: { kty, crv, x, y, kid: deviceId, alg: "ES256", use: "sig" },
  });
  expect(device.status()).toBe(201);

  // a signs in on the demo PC and enrols a phone; b signs in on the ward's own PC; c never does.
  const first = await signInElsewhere(browser, baseURL!, launch(baseURL!, names[0]!), `Ready ${names[0]}`);
  const enrol = new EnrolPage(first);
  await enrol.goto();
  await enrol.start.click();
  await enrol.activateWith(oathtoolCode(await enrol.readSecret()));
  await enrol.done.filter({ hasText: "Your phone is set up" }).waitFor();
  await first.context().close();
  const second = await signInElsewhere(
    browser,
    baseURL!,
    launch(baseURL!, names[1]!, deviceId, keyFile),
    `Ready ${names[1]}`,
  );
  await second.context().close();

  // The feed admits a patient to the ward, and sends a document for them.
  const admittedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * 60_000);
  const mrn = `RDY-${tag}`;
  expect(
    (await postHl7(api, hl7AdmissionAt(`RDY${tag}`, mrn, "READY", wardCode, "B1", admittedAt))).body,
  ).toContain("MSA|AA");
  const producedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  const pdf = Buffer.from("%PDF-1.4\n% readiness\n%%EOF\n");
  const stored = await putDocument(
    api,
    { facility: "RXD01", mrn, documentId: `rdy-${tag}` },
    { title: "Drug chart", kind: "mar", producedAt, contentType: "application/pdf", body: pdf },
  );
  expect(stored.status).toBeLessThan(300);

  // What the ward should show: 3 staff, 1 enrolled (33%), 2 signed in (67%), 1 of 1 PCs seen.
  const expected = { staff: 3, enrolled: 1, signedIn: 2, pcsSeen: 1, pcsRegistered: 1 };
  const percent = (n: number) => Math.round((n * 100) / expected.staff);

  // Thresholds the test sets: 33% enrolled is green at 30, signed in 67% amber under 80.
  await page.goto("/admin/readiness");
  await page.getByLabel("Enrolled for phone sign-in (%), green").fill("30");
  await page.getByLabel("Enrolled for phone sign-in (%), amber").fill("20");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thresholds saved." })).toBeVisible();
  // Refused nonsense says why, and saves nothing.
  await page.getByLabel("Signed in within 30 days (%), green").fill("120");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "0 to 100" })).toBeVisible();

  await page.goto(`/admin/readiness?q=${wardCode}`);
  const row = page.locator(`tr[data-ward="${wardPath}"]`);
  await expect(row.locator('[data-figure="staff"]')).toHaveText(String(expected.staff));
  await expect(row.locator('[data-figure="enrolled"]')).toHaveText(
    `green ${percent(expected.enrolled)}% (${expected.enrolled})`,
  );
  await expect(row.locator('[data-figure="signed-in"]')).toHaveText(
    `amber ${percent(expected.signedIn)}% (${expected.signedIn})`,
  );
  await expect(row.locator('[data-figure="pcs"]')).toContainText(
    `${expected.pcsSeen} of ${expected.pcsRegistered}`,
  );
  await expect(row.locator('[data-figure="adt"] time')).toHaveAttribute("datetime", admittedAt.toISOString());
  await expect(row.locator('[data-figure="document"] time')).toHaveAttribute(
    "datetime",
    producedAt.toISOString(),
  );
  // Usable on a 1366 × 768 screen.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: "test-results/readiness-1366.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // The JSON API agrees with the page.
  const json = (await (await api.get("/api/admin/readiness")).json()) as {
    wards: {
      wardId: string;
      staff: number;
      enrolled: number;
      signedIn: number;
      pcsSeen: number;
      pcsRegistered: number;
    }[];
  };
  expect(json.wards.find((entry) => entry.wardId === wardId)).toMatchObject(expected);

  // On paper: every ward, who printed it and when, without the console's navigation.
  await page.goto("/admin/readiness/print");
  await expect(page.getByRole("heading", { name: "Downtime readiness report" })).toBeVisible();
  await expect(page.getByText(/Printed \d{1,2} \w+ \d{4} at \d{2}:\d{2} by Demo Admin/)).toBeVisible();
  const printed = page.locator(`tr[data-ward="${wardPath}"]`);
  await expect(printed.locator('[data-figure="staff"]')).toHaveText(String(expected.staff));
  await expect(printed.locator('[data-figure="pcs"]')).toContainText("1 of 1");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Console" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await page.screenshot({ path: "test-results/readiness-print.png", fullPage: true });
});
