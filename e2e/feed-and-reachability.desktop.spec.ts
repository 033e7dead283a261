/**
 * Desktop e2e (1366×768): every screen says when the hospital system's feed last delivered an ADT
 * message and whether this ward PC reaches Downtime; a silent feed and an unreachable server are
 * full-width banners; a patient who leaves an open patient screen is explained, never a dead end.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { hl7Admission, hl7Discharge, hl7Transfer, postHl7 } from "./support/ingest";

test.use({ viewport: { width: 1366, height: 768 } });
// Several axe runs per journey on a shared, busy machine.
test.describe.configure({ timeout: 90_000 });

const hhmm = (at: Date | string | number) =>
  new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" }).format(
    new Date(at),
  );

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

const unique = () => {
  const stamp = Date.now();
  return {
    control: `FEED-${stamp}`,
    mrn: `RXD5${stamp % 1000000}`,
    family: `FEEDER${String(stamp % 100000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!)}`,
  };
};

test("the ward list and patient show the feed's last message, and a silent feed turns them red", async ({
  page,
  request,
  signInOnWardPc,
}) => {
  // The ward PC's clock: the screens age the feed by it (and by the server's time at its answers).
  await page.clock.install();
  const wardList = await signInOnWardPc();
  await expect(wardList.heading(/Alder Ward/)).toBeVisible();
  const { control, mrn, family } = unique();
  const sentAt = new Date();
  expect((await postHl7(request, hl7Admission(control, mrn, family, "ALD101", "F1"))).body).toContain(
    "MSA|AA",
  );
  const status = wardList.freshnessBadge(/connected to Downtime/);
  // The next poll (every 2 s) carries the feed's new last message time.
  await expect(status).toContainText(
    new RegExp(`^Last update from the hospital system (${hhmm(sentAt)}|${hhmm(Date.now())}) \\(just now\\)`),
  );
  const silent = page.getByRole("alert").filter({ hasText: "No updates from the hospital system since" });
  await expect(silent).toHaveCount(0);
  await expectAccessible(page);

  // The feed stops: no message for longer than FEED_SILENCE_MINUTES (240 in the e2e server,
  // scripts/e2e-server.mjs), while Downtime answers.
  await page.clock.fastForward((240 + 1) * 60_000);
  await expect(silent).toBeVisible({ timeout: 10_000 });
  await expect(silent).toHaveText(
    /^No updates from the hospital system since \d\d:\d\d( on \d\d [A-Z][a-z]{2} \d{4})? — this list may be out of date$/,
  );
  await expect(silent).toHaveAttribute("data-tone", "red");
  // A silent feed is not a lost connection: this device still reaches the server.
  await expect(status).toBeVisible();
  await expectAccessible(page);

  await wardList.openPatient(new RegExp(family));
  const patientSilent = page.getByRole("alert").filter({
    hasText:
      /^No updates from the hospital system since \d\d:\d\d( on \d\d [A-Z][a-z]{2} \d{4})? — this record may be out of date$/,
  });
  await expect(patientSilent).toBeVisible({ timeout: 10_000 });
  await expectAccessible(page);
});

test("the print pages say when the feed last sent an update", async ({ page, signInOnWardPc }) => {
  const wardList = await signInOnWardPc();
  await expect(wardList.heading(/Alder Ward/)).toBeVisible();
  await wardList.printWardListLink.click();
  await expect(page.getByText(/^Last update from the hospital system \d\d:\d\d \(/)).toBeVisible();
});

test("within 10 s of the server becoming unreachable the screen says so, and never says connected meanwhile", async ({
  page,
  context,
  signInOnWardPc,
}) => {
  const wardList = await signInOnWardPc();
  await expect(wardList.freshnessBadge(/connected to Downtime/)).toBeVisible();
  // The browser stays "online": only the app's own requests can tell the server is gone.
  await context.route("**/api/**", (route) => route.abort("connectionrefused"));
  const cut = Date.now();
  const banner = page
    .getByRole("alert")
    .filter({ hasText: "Can't reach Downtime — showing the copy saved at" });
  await expect(banner).toBeVisible({ timeout: 10_000 });
  expect(Date.now() - cut).toBeLessThan(10_000);
  const status = wardList.freshnessBadge(/can't reach Downtime/);
  const savedAt = (await status.getAttribute("data-as-of"))!;
  await expect(banner).toHaveText(`Can't reach Downtime — showing the copy saved at ${hhmm(savedAt)}`);
  await expect(banner).toHaveAttribute("data-tone", "amber");
  await expectAccessible(page);
  // Several polls later, still failing: never "connected".
  const connected = wardList.freshnessBadge(/connected to Downtime/);
  for (let i = 0; i < 6; i++) {
    await expect(connected).toHaveCount(0);
    await page.waitForTimeout(1_000);
  }
  // The network itself drops too: the same, without waiting for a request.
  await context.setOffline(true);
  await expect(banner).toBeVisible();
  await expect(connected).toHaveCount(0);

  // Back: the next poll reaches the server and the banner goes.
  await context.setOffline(false);
  await context.unroute("**/api/**");
  await expect(connected).toBeVisible({ timeout: 10_000 });
  await expect(banner).toHaveCount(0);
});

test("an open patient screen says the patient was discharged, with the way back to the ward list", async ({
  page,
  request,
  signInOnWardPc,
}) => {
  const { control, mrn, family } = unique();
  expect((await postHl7(request, hl7Admission(control, mrn, family, "ALD101", "F2"))).body).toContain(
    "MSA|AA",
  );
  const wardList = await signInOnWardPc();
  const patient = await wardList.openPatient(new RegExp(family));
  await expect(patient.stayHistory).toBeVisible();

  const at = new Date();
  expect(
    (await postHl7(request, hl7Discharge(`${control}-A03`, control, mrn, family, "ALD101", "F2", at))).body,
  ).toContain("MSA|AA");
  const notice = page.getByRole("alert").filter({ hasText: `Discharged from Alder Ward at ${hhmm(at)}` });
  await expect(notice).toBeVisible({ timeout: 10_000 });
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to Alder Ward" }).click();
  await expect(wardList.heading(/Alder Ward/)).toBeVisible();
});

test("an open patient screen follows a transfer: a link to the new ward in scope, where they went outside it", async ({
  page,
  request,
  signInOnWardPc,
}) => {
  const { control, mrn, family } = unique();
  expect((await postHl7(request, hl7Admission(control, mrn, family, "ALD101", "F3"))).body).toContain(
    "MSA|AA",
  );
  const wardList = await signInOnWardPc();
  const patient = await wardList.openPatient(new RegExp(family));
  await expect(patient.stayHistory).toBeVisible();

  // To another of this clinician's wards: the record stays, and says where they are now.
  expect(
    (await postHl7(request, hl7Transfer(`${control}-A02a`, control, mrn, family, "BEE102", "4"))).body,
  ).toContain("MSA|AA");
  const moved = page.getByRole("alert").filter({ hasText: "Moved to Beech Ward, BAY1, Bed 4" });
  await expect(moved).toBeVisible({ timeout: 10_000 });
  await expect(moved.getByRole("link", { name: "Open the Beech Ward list" })).toHaveAttribute(
    "href",
    /^\/wards\//,
  );
  await expect(page.getByRole("link", { name: "Back to Alder Ward" })).toBeVisible();
  await expectAccessible(page);

  // To a ward outside this clinician's list: where they went, and the way back.
  const at = new Date();
  expect(
    (await postHl7(request, hl7Transfer(`${control}-A02b`, control, mrn, family, "CED103", "7"))).body,
  ).toContain("MSA|AA");
  const away = page.getByRole("alert").filter({ hasText: /^Moved to Cedar Ward bed 7 at \d\d:\d\d$/ });
  await expect(away).toBeVisible({ timeout: 10_000 });
  expect([hhmm(at), hhmm(Date.now())]).toContain((await away.textContent())!.slice(-5));
  await expect(page.getByRole("link", { name: /^Back to (Alder|Beech) Ward$/ })).toBeVisible();
  await expectAccessible(page);
});
