/**
 * Phone e2e: admissions and transfers from the engine reach an open ward list within 5 seconds,
 * on a phone-sized ward PC session and on a phone signed in with a TOTP code.
 */
import { expect, test } from "./fixtures";
import { hl7Admission, hl7Transfer, postHl7 } from "./support/ingest";

test("an admission posted by the engine appears on an open ward list within 5 seconds", async ({
  page,
  request,
  signInOnWardPc,
}) => {
  const wardList = await signInOnWardPc();
  await expect(wardList.heading(/Alder Ward/)).toBeVisible();
  await expect(wardList.patientList).toBeVisible();
  // No sideways scrolling on a phone, down to the narrowest common width (360 px).
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await sideways()).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await sideways()).toBeLessThanOrEqual(0);
  const patient = await wardList.openPatient();
  await expect(patient.stayHistory).toBeVisible();
  expect(await sideways()).toBeLessThanOrEqual(0);
  await page.goBack();
  const family = `LIVEWIRE${Date.now() % 100000}`;
  const sent = await postHl7(
    request,
    hl7Admission(`E2E-${Date.now()}`, `RXD9${Date.now() % 1000000}`, family, "ALD101", "B99"),
  );
  expect(sent.status).toBe(200);
  expect(sent.body).toContain("MSA|AA");
  await expect(wardList.patientList.getByText(family)).toBeVisible({ timeout: 5_000 });
});

test("a transfer posted by the engine moves the patient on an open ward list within 5 seconds", async ({
  page,
  request,
  signInOnPhone,
}) => {
  const stamp = Date.now();
  const family = `MOVER${String(stamp % 100000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!)}`;
  const mrn = `RXD7${stamp % 1000000}`;
  const visit = `TR-${stamp}`;
  expect((await postHl7(request, hl7Admission(visit, mrn, family, "ALD101", "B97"))).body).toContain(
    "MSA|AA",
  );
  // This time a phone of the clinician's own, signed in with username + TOTP code.
  const wardList = await signInOnPhone();
  const card = wardList.cards.filter({ hasText: family });
  await expect(card).toContainText("B97");

  // Another bed on the same ward: the row moves and says where from.
  const bedMove = await postHl7(request, hl7Transfer(`${visit}-A02a`, visit, mrn, family, "ALD101", "B98"));
  expect(bedMove.body).toContain("MSA|AA");
  const moved = Date.now();
  await expect(card).toContainText("B98", { timeout: 5_000 });
  expect(Date.now() - moved).toBeLessThan(5_000);
  // Bay and bed, as every place is shown (PV1-3.2 BAY1, PV1-3.3 B97).
  await expect(card).toContainText("Moved from BAY1, B97");
  await expect(page.getByText(/Ward list updated: 1 patient moved bed/)).toBeAttached();

  // Another ward, outside this clinician's: the patient leaves this list.
  const wardMove = await postHl7(request, hl7Transfer(`${visit}-A02b`, visit, mrn, family, "CED103", "B01"));
  expect(wardMove.body).toContain("MSA|AA");
  await expect(wardList.patientList.getByText(family)).toHaveCount(0, { timeout: 5_000 });
});
