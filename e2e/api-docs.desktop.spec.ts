/** Desktop e2e: the integration API reference (/api/docs) and the OpenAPI document. */
import { expect, test } from "./fixtures";

test.describe("an integration analyst reading the API reference", () => {
  test("finds the HL7 v2 route and the machine-readable document", async ({ page }) => {
    const response = await page.goto("/api/docs");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
    await expect(page.getByRole("heading", { name: "Downtime integration API", level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Routes" })).toBeVisible();

    const hl7 = page.getByRole("region", { name: "/api/ingest/hl7v2" });
    await expect(hl7.getByRole("heading", { name: /POST Send HL7 v2 ADT messages/, level: 3 })).toBeVisible();
    await expect(hl7.getByRole("table", { name: "Responses of POST /api/ingest/hl7v2" })).toContainText(
      "503",
    );
    await expect(hl7.getByText(/^MSH\|\^~\\&\|PAS\|RXD01/m)).toBeVisible();

    // No script may run on the page: it is plain HTML behind a script-free CSP.
    expect(await page.locator("script").count()).toBe(0);

    const [json] = await Promise.all([
      page.waitForResponse((candidate) => new URL(candidate.url()).pathname === "/api/openapi.json"),
      page.getByRole("link", { name: "the OpenAPI document (JSON)" }).click(),
    ]);
    await expect(page).toHaveURL(/\/api\/openapi\.json$/);
    const document = await json.json();
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(Object.keys(document.paths)).toContain("/api/ingest/hl7v2");
  });

  test("the OpenAPI document is cacheable JSON", async ({ request }) => {
    const response = await request.get("/api/openapi.json");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["cache-control"]).toBe("public, max-age=300");
    const document = await response.json();
    expect(document.info.title).toBe("Downtime integration API");
    expect(document.components.securitySchemes).toHaveProperty("bearerApiKey");
  });
});
