import { expect, test } from "@playwright/test";
import { hl7Admission, postHl7 } from "./support/ingest";
import { launchUrl } from "./support/launcher";

test("an admission posted by the engine appears on an open ward list within 5 seconds", async ({
  page,
  baseURL,
  request,
}) => {
  await page.goto(launchUrl(baseURL!));
  await expect(page.getByRole("heading", { level: 1, name: /Alder Ward/ })).toBeVisible();
  // No sideways scrolling on a phone.
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  const family = `LIVEWIRE${Date.now() % 100000}`;
  const sent = await postHl7(
    request,
    hl7Admission(`E2E-${Date.now()}`, `RXD9${Date.now() % 1000000}`, family, "ALD101", "B99"),
  );
  expect(sent.status).toBe(200);
  expect(sent.body).toContain("MSA|AA");
  await expect(page.getByRole("list", { name: "Patients" }).getByText(family)).toBeVisible({
    timeout: 5_000,
  });
});
