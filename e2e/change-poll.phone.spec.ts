/**
 * Phone e2e: an open ward list's change poll is conditional. While nothing changes the server
 * answers `304 Not Modified` to the ETag the page sends back; an admission from the engine makes
 * the next poll a 200 with a new ETag, and the patient appears.
 */
import type { Response } from "@playwright/test";
import { expect, test } from "./fixtures";
import { hl7Admission, postHl7 } from "./support/ingest";

test("the ward list's poll gets 304 while nothing changes, and 200 with a new ETag after an admission", async ({
  page,
  request,
  signInOnWardPc,
}) => {
  const polls: { status: number; etag: string | null; sent: string | null }[] = [];
  page.on("response", (response: Response) => {
    if (!/\/api\/sync\/latest\?ward=/.test(response.url())) return;
    polls.push({
      status: response.status(),
      etag: response.headers().etag ?? null,
      sent: response.request().headers()["if-none-match"] ?? null,
    });
  });
  const wardList = await signInOnWardPc();
  await expect(wardList.patientList).toBeVisible();

  // Polls every 2 s: within a few, one is a 304 to the ETag of the answer before it.
  await expect
    .poll(() => polls.filter((p) => p.status === 304).length, { timeout: 15_000 })
    .toBeGreaterThan(0);
  const unchanged = polls.find((p) => p.status === 304)!;
  expect(unchanged.sent).toMatch(/^"[\w-]+"$/);
  expect(unchanged.etag).toBe(unchanged.sent);
  const before = polls.length;

  const family = `ETAGGED${String(Date.now() % 100000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!)}`;
  const sent = await postHl7(
    request,
    hl7Admission(`ETAG-${Date.now()}`, `RXD6${Date.now() % 1000000}`, family, "ALD101", "B96"),
  );
  expect(sent.body).toContain("MSA|AA");

  await expect
    .poll(() => polls.slice(before).find((p) => p.status === 200)?.etag ?? null, { timeout: 10_000 })
    .not.toBeNull();
  const changed = polls.slice(before).find((p) => p.status === 200)!;
  expect(changed.sent).toBe(unchanged.etag);
  expect(changed.etag).not.toBe(unchanged.etag);
  await expect(wardList.patientList.getByText(family)).toBeVisible({ timeout: 5_000 });
});
