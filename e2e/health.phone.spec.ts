/** Phone e2e: the public home page (environment banner, demo wards) and the health page and API. */
import { expect, test } from "./fixtures";

test.describe("a newcomer on a phone", () => {
  test("sees the environment banner, the demo wards and the health page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("note", { name: "Environment" })).toContainText("LOCAL");
    await expect(page.getByRole("heading", { name: "Wards", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Riverside General Hospital/ })).toBeVisible();

    // Nothing may scroll sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole("link", { name: "System health" }).click();
    await expect(page.getByRole("heading", { name: "System health" })).toBeVisible();
    await expect(page.getByText("All systems working")).toBeVisible();
    const database = page.locator("dt", { hasText: "Database" }).locator("..");
    await expect(database).toContainText("Up");
    await expect(database).toContainText("embedded");
  });

  test("the health API reports both dependencies as JSON", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ok",
      environment: "local",
      database: { status: "up" },
      storage: { status: "up" },
    });
    expect(JSON.stringify(body)).not.toMatch(/password|secret|\.data/i);
  });
});
