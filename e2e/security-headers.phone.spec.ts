/** Phone e2e: security headers, a CSP with no violation, and the cross-site post check. */
import { expect, test } from "./fixtures";

test("pages carry the security headers and run with no CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      violations.push(message.text());
  });
  const response = await page.goto("/");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // React hydrated: client-side navigation works without a full page load.
  await page.evaluate(() => Object.assign(window, { marker: "still-here" }));
  await page.getByRole("link", { name: "System health" }).click();
  await expect(page.getByRole("heading", { name: "System health" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("still-here");
  expect(violations).toEqual([]);
});

test("a cross-site post is refused", async ({ request }) => {
  const response = await request.post("/health", { headers: { Origin: "https://evil.example" }, data: "x" });
  expect(response.status()).toBe(403);
});
