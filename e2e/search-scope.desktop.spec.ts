/**
 * Desktop e2e: what search shows a clinician. A patient on their own ward, with ward and bed; a
 * patient on another ward, found by NHS number or surname and birth date, as a candidate with
 * name, birth date and sex only (neither on screen nor in what the server sent); a bare surname
 * as a count; then break-glass opens the record. The query never appears in the address.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { SearchPage } from "./pages/search-page";
import { hl7Admission, postHl7, uniqueNhsNumber } from "./support/ingest";

/** Letters only, unique per run: digits would make a name an MRN search. */
const letters = (value: number) => String(value % 1_000_000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!);

test("search shows own-ward patients with ward and bed, others only as a candidate until break-glass", async ({
  page,
  request,
  signInOnWardPc,
  patientPage,
}) => {
  const stamp = Date.now();
  const tag = letters(stamp);
  const ours = { family: `HOMEWARD${tag}`, mrn: `RXD5${stamp % 1000000}` };
  const theirs = { family: `ELSEWHERE${tag}`, mrn: `RXD9${stamp % 1000000}`, nhs: uniqueNhsNumber() };
  // Alder (ALD101) is the demo clinician's ward; Cedar (CED103) is not.
  const home = await postHl7(request, hl7Admission(`SS-${stamp}-1`, ours.mrn, ours.family, "ALD101", "B95"));
  expect(home.body).toContain("MSA|AA");
  const away = await postHl7(
    request,
    hl7Admission(`SS-${stamp}-2`, theirs.mrn, theirs.family, "CED103", "B77", {
      nhsNumber: theirs.nhs,
      birthDate: "19450302",
    }),
  );
  expect(away.body).toContain("MSA|AA");

  await signInOnWardPc();
  const search = new SearchPage(page);
  // Everything the server sent back to the search form, to check it for what must not leave.
  const answers = await search.recordAnswers();
  await search.goto();

  await search.search(ours.family);
  const record = search.results.getByRole("listitem");
  await expect(record).toHaveCount(1);
  await expect(record).toContainText(/Alder Ward, BAY1, B95/);
  await expect(record.getByRole("link", { name: new RegExp(ours.family) })).toBeVisible();
  await search.search(ours.mrn);
  await expect(search.results.getByRole("link", { name: new RegExp(ours.family) })).toBeVisible();

  // Another ward's patient by NHS number, as printed: a candidate, nothing of where they are.
  const printed = `${theirs.nhs.slice(0, 3)} ${theirs.nhs.slice(3, 6)} ${theirs.nhs.slice(6)}`;
  await search.search(printed);
  await expect(search.results).toContainText("0 results");
  const candidate = search.outsideWards.getByRole("listitem");
  await expect(candidate).toHaveCount(1);
  await expect(candidate).toContainText(`${theirs.family}, Tessa`);
  await expect(candidate).toContainText(/born 02 Mar 1945 · female/);
  await expect(page.getByText(/Cedar|B77/)).toHaveCount(0);
  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(accessibility.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual(
    [],
  );

  // A bare surname names nobody outside the user's wards: a count, and how to narrow it.
  await search.search(theirs.family);
  await expect(
    page.getByText(
      "1 more patient outside your wards matches; add a birth date, or search by NHS number or MRN.",
    ),
  ).toBeVisible();
  await expect(page.getByText(theirs.family)).toHaveCount(0);
  await expect(search.outsideWards).toHaveCount(0);

  // Surname and birth date (UK day/month/year): the candidate again.
  await search.search(`${theirs.family} 02/03/1945`);
  await expect(candidate).toContainText(`${theirs.family}, Tessa`);
  expect(new URL(page.url()).search).toBe("");
  const beforeGrant = answers.join("\n");

  await search.reason.fill("short");
  await search.breakGlassButton.click();
  await expect(page.getByRole("alert").filter({ hasText: /at least 15 characters/ })).toBeVisible();
  await search.reason.fill("Patient collapsed in the corridor outside my ward");
  await search.breakGlassButton.click();
  await page.waitForURL(/\/patients\/[\w-]+$/);
  await expect(patientPage.breakGlassNotice).toBeVisible();
  await expect(patientPage.name(new RegExp(theirs.family))).toBeVisible();

  // Nothing the server sent before break-glass said where the patient is.
  const stayId = new URL(page.url()).pathname.split("/").pop()!;
  expect(beforeGrant).toContain(theirs.family);
  expect(beforeGrant).not.toMatch(new RegExp(`Cedar|B77|${stayId}`));
});
