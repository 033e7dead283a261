/** Desktop e2e: the copy's age grows offline and is confirmed online; an ended session is explained. */
import { expect, test } from "./fixtures";

test("with no connection the copy on screen ages and turns amber, then red", async ({
  page,
  context,
  signInOnWardPc,
}) => {
  await page.clock.install();
  const wardList = await signInOnWardPc();
  const badge = wardList.freshnessBadge();
  await expect(badge).toHaveAttribute("data-freshness", "fresh");
  // Offline nothing can confirm the list, so its age grows.
  await context.setOffline(true);
  await expect(badge).toContainText("can't reach Downtime");
  const banner = page
    .getByRole("alert")
    .filter({ hasText: "Can't reach Downtime — showing the copy saved at" });
  await expect(banner).toHaveAttribute("data-tone", "amber");
  // The e2e server sets FRESHNESS_AMBER_MINUTES=10: amber after 10 minutes, red after 40.
  await page.clock.fastForward("09:00");
  await expect(badge).toContainText(/copy saved \d\d:\d\d \(9 minutes ago\)/);
  await expect(badge).toHaveAttribute("data-freshness", "fresh");
  await page.clock.fastForward("03:00");
  await expect(badge).toContainText(/copy saved \d\d:\d\d \(12 minutes ago\)/);
  await expect(badge).toHaveAttribute("data-freshness", "stale");
  await page.clock.fastForward("30:00");
  await expect(badge).toHaveAttribute("data-freshness", "old");
  await expect(banner).toHaveAttribute("data-tone", "red");
});

test("online, a ward list with no changes is confirmed current by the server every few seconds", async ({
  signInOnWardPc,
}) => {
  const wardList = await signInOnWardPc();
  const badge = wardList.freshnessBadge(/connected to Downtime/);
  const first = Date.parse((await badge.getAttribute("data-as-of"))!);
  await expect
    .poll(async () => Date.parse((await badge.getAttribute("data-as-of"))!), { timeout: 8_000 })
    .toBeGreaterThan(first);
});

test("a ward PC whose session ended is told how to get back in", async ({
  page,
  context,
  signInOnWardPc,
  signInPage,
}) => {
  const wardList = await signInOnWardPc();
  await expect(wardList.heading(/Alder Ward/)).toBeVisible();
  const wardUrl = page.url();
  // The session ends on the server (as if revoked or expired) while the cookie remains.
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name === "downtime.session")!;
  await context.clearCookies();
  await context.addCookies([{ ...session, value: `${session.value.slice(0, -8)}AAAAAAAA` }]);
  // The open ward list notices by itself at its next poll, and wipes this device's copy.
  const ended = signInPage.sessionEnded;
  await expect(ended).toContainText("desktop shortcut", { timeout: 10_000 });
  expect(await page.evaluate(() => localStorage.getItem("downtime.cache-identity"))).toBeNull();
  // Opening the ward again gets the same answer from the server.
  await page.goto(wardUrl);
  await expect(ended).toContainText("desktop shortcut");
});
