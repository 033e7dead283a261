import { expect, type Page, test } from "@playwright/test";

async function tryCode(page: Page, code: string) {
  await page.getByLabel("Windows username").fill("DEMO\\clerk");
  await page.getByLabel(/6-digit code/).fill(code);
  // Wait for the server action's answer before typing again: the form resets when it returns.
  await Promise.all([
    page.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().includes("/sign-in"),
    ),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

test("five wrong codes lock the account and the sign-in page says so", async ({ page }) => {
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await tryCode(page, String(100000 + attempt));
    await expect(page.getByRole("alert").filter({ hasText: /did not match|locked/ })).toBeVisible();
  }
  await tryCode(page, "123456");
  await expect(page.getByRole("alert").filter({ hasText: "locked for 15 minutes" })).toBeVisible();
});
