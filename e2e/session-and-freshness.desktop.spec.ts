import { expect, test } from "@playwright/test";
import { launchUrl } from "./support/launcher";

test("the 'as of' label ages and turns amber, then red", async ({ page, baseURL }) => {
  await page.clock.install();
  await page.goto(launchUrl(baseURL!));
  const badge = page.getByRole("status").filter({ hasText: /^As of/ });
  await expect(badge).toHaveAttribute("data-freshness", "fresh");
  await page.clock.fastForward("20:00");
  await expect(badge).toContainText("20 minutes ago");
  await expect(badge).toHaveAttribute("data-freshness", "stale");
  await page.clock.fastForward("50:00");
  await expect(badge).toHaveAttribute("data-freshness", "old");
});

test("a ward PC whose session ended is told how to get back in", async ({ page, baseURL, context }) => {
  await page.goto(launchUrl(baseURL!));
  await expect(page.getByRole("heading", { level: 1, name: /Alder Ward/ })).toBeVisible();
  const wardUrl = page.url();
  // The session ends on the server (as if revoked or expired) while the cookie remains.
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name === "downtime.session")!;
  await context.clearCookies();
  await context.addCookies([{ ...session, value: `${session.value.slice(0, -8)}AAAAAAAA` }]);
  await page.goto(wardUrl);
  await expect(page.getByRole("alert").filter({ hasText: "Your session has ended" })).toContainText(
    "desktop shortcut",
  );
});
