/**
 * The allergies-and-alerts journey (issue 14, item 4), shared by the phone (390 × 844) and desktop
 * (1366 × 768) specs: four patients admitted to Alder Ward by HL7, one per allergy state, the first
 * with a DNACPR alert beside a routine falls flag. A clinician sees each state in words on the ward
 * list row, the patient page and their print views, and the high-risk alert labelled HIGH RISK.
 */
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";
import { expect } from "../fixtures";
import { postHl7, uniqueNhsNumber } from "./ingest";
import { launchUrl } from "./launcher";

/** Family names must be letters: digits of the stamp become letters. */
export const lettersOf = (stamp: number) =>
  String(stamp % 1_000_000).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!);

/** An A01 to Alder Ward (ALD101) with the patient segments given (AL1 allergies, ZAL alerts). */
function admission(control: string, mrn: string, family: string, bed: string, segments: string[]): string {
  const now = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return [
    `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|${now}+0000||ADT^A01^ADT_A01|${control}|P|2.4`,
    `EVN|A01|${now}+0000`,
    `PID|1||${mrn}^^^RXD01^MR~${uniqueNhsNumber()}^^^NHS^NH||${family}^TESSA^^^MS||19800101|F`,
    // A side room that sorts after the ward's bays: these heavily flagged test patients then sit
    // at the end of Alder's list, not above the patients other specs measure on the first screen.
    `PV1|1|I|ALD101^SIDE9^${bed}^RXD01||||C1^OKAFOR^ADA^^^DR||||||||||||V-${control}`,
    ...segments,
  ].join("\r");
}

export interface AllergyPatients {
  /** Penicillin (severe, anaphylaxis) and Elastoplast (mild); DNACPR and falls risk alerts. */
  recorded: string;
  /** An AL1 saying "No known allergies" (NKA). */
  noneKnown: string;
  /** No AL1 at all. */
  notSent: string;
}

export async function admitAllergyPatients(
  request: APIRequestContext,
  stamp: number,
): Promise<AllergyPatients> {
  const letters = lettersOf(stamp);
  const patients = {
    recorded: `ALLRECX${letters}`,
    noneKnown: `ALLNONEX${letters}`,
    notSent: `ALLUNSENTX${letters}`,
  };
  const messages = [
    admission(`ALG-R-${stamp}`, `RXDA${stamp % 1_000_000}`, patients.recorded, "B81", [
      "AL1|1|DA|^Penicillin|SV|Anaphylaxis",
      "AL1|2|MA|^Elastoplast|MI|Rash",
      "ZAL|1|DNACPR",
      "ZAL|2|Falls risk",
    ]),
    admission(`ALG-N-${stamp}`, `RXDB${stamp % 1_000_000}`, patients.noneKnown, "B82", [
      "AL1|1|DA|NKA^No known allergies",
    ]),
    admission(`ALG-U-${stamp}`, `RXDC${stamp % 1_000_000}`, patients.notSent, "B83", []),
  ];
  for (const message of messages) expect((await postHl7(request, message)).body).toContain("MSA|AA");
  return patients;
}

/**
 * Admits a patient while Alder's facility does not publish allergies (an admin unticks the field
 * in the console, and puts it back after: the suite shares one server); resolves to the family name.
 */
export async function admitWithAllergiesUnpublished(
  browser: Browser,
  baseURL: string,
  request: APIRequestContext,
  stamp: number,
): Promise<string> {
  const family = `ALLHIDDENX${lettersOf(stamp)}`;
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 } });
  const admin = await context.newPage();
  const allergies = admin.getByRole("checkbox", { name: "Allergies" });
  const save = async () => {
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByText(/^Saved\./)).toBeVisible();
  };
  try {
    await admin.goto(launchUrl(baseURL, "admin"));
    await admin.waitForURL((address) => address.pathname !== "/launch", { waitUntil: "commit" });
    await admin.goto("/admin/publishing?facility=RXD01");
    await allergies.uncheck();
    await save();
    const message = admission(`ALG-H-${stamp}`, `RXDD${stamp % 1_000_000}`, family, "B84", [
      "AL1|1|DA|^Penicillin|SV|Anaphylaxis",
    ]);
    expect((await postHl7(request, message)).body).toContain("MSA|AA");
  } finally {
    await admin.goto("/admin/publishing?facility=RXD01");
    if (!(await allergies.isChecked())) {
      await allergies.check();
      await save();
    }
    await context.close();
  }
  return family;
}

export async function expectNoSeriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

/** The row (desktop table) or card (phone) of a patient on the ward list, by family name. */
export function wardRow(page: Page, family: string) {
  const wide = (page.viewportSize()?.width ?? 0) >= 768;
  return wide
    ? page.getByRole("table").getByRole("row").filter({ hasText: family })
    : page.getByRole("list", { name: "Patients" }).getByRole("listitem").filter({ hasText: family });
}

/** What each state must say, wherever it is shown. */
export const stateWords = {
  noneKnown: "No known allergies",
  notSent: "Allergies not sent by the hospital system",
  notPublished: "Allergies not published",
} as const;

/** The recorded patient's allergies and alerts, as any view shows them. */
export async function expectRecordedFlags(scope: Locator) {
  await expect(scope).toContainText("Penicillin – Anaphylaxis (severe)");
  await expect(scope).toContainText("Elastoplast – Rash (mild)");
  // High risk in words, not colour alone: the label, the alert and the severe allergy.
  const highRisk = scope.locator("[data-risk='high']");
  await expect(highRisk.filter({ hasText: /HIGH RISK.*DNACPR/ }).first()).toBeVisible();
  await expect(highRisk.filter({ hasText: /HIGH RISK.*Penicillin/ }).first()).toBeVisible();
  // The falls flag is routine: shown, but not as high risk.
  await expect(
    scope.locator("[data-risk='routine']").filter({ hasText: "Falls risk" }).first(),
  ).toBeVisible();
  await expect(highRisk.filter({ hasText: "Falls risk" })).toHaveCount(0);
}

export interface JourneyContext {
  page: Page;
  browser: Browser;
  baseURL: string;
  request: APIRequestContext;
  /** Signs the clinician in (ward PC or phone) and lands on their first ward, Alder. */
  signIn: () => Promise<unknown>;
  /** Where the print screenshots go, per project. */
  shots: string;
}

export async function allergiesAndAlertsJourney({
  page,
  browser,
  baseURL,
  request,
  signIn,
  shots,
}: JourneyContext) {
  const stamp = Date.now();
  const patients = await admitAllergyPatients(request, stamp);
  const hidden = await admitWithAllergiesUnpublished(browser, baseURL, request, stamp);
  await signIn();
  await expect(page.getByRole("heading", { level: 1, name: /Alder Ward/ })).toBeVisible();

  // The ward list row: the allergens themselves with severity, or which state applies, in words.
  const checkRows = async (row: (family: string) => Locator) => {
    await expectRecordedFlags(row(patients.recorded));
    await expect(row(patients.noneKnown)).toContainText(stateWords.noneKnown);
    await expect(row(patients.notSent)).toContainText(stateWords.notSent);
    await expect(row(hidden)).toContainText(stateWords.notPublished);
    await expect(row(hidden)).not.toContainText("Penicillin");
    for (const family of [patients.noneKnown, patients.notSent, hidden])
      await expect(row(family).locator("[data-risk='high']")).toHaveCount(0);
  };
  await checkRows((family) => wardRow(page, family));
  await expectNoSeriousViolations(page);

  // The ward list on paper: the same words, and HIGH RISK legible without colour.
  await page.getByRole("link", { name: "Print ward list" }).click();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByText(/CONFIDENTIAL: shred after use/)).toBeVisible();
  await checkRows((family) => page.getByRole("row").filter({ hasText: family }));
  const printedFlag = page
    .getByRole("row")
    .filter({ hasText: patients.recorded })
    .locator("[data-risk='high']")
    .first();
  // Black text on white with a thick border: readable from a black-and-white printer.
  expect(await printedFlag.evaluate((element) => getComputedStyle(element).color)).toBe("rgb(0, 0, 0)");
  expect(await printedFlag.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
    "rgb(255, 255, 255)",
  );
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: `${shots}/ward-list-allergies-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.goBack();

  // The patient page: high-risk alerts first, then the allergies row.
  await page
    .getByRole("link", { name: new RegExp(patients.recorded) })
    .first()
    .click();
  const highRisk = page.getByRole("region", { name: "High-risk alerts" });
  await expect(highRisk).toContainText("HIGH RISK");
  await expect(highRisk).toContainText("DNACPR");
  await expect(highRisk).toContainText("Penicillin");
  await expect(highRisk).not.toContainText("Falls risk");
  await expectRecordedFlags(page.getByRole("region", { name: "Details" }));
  await expectNoSeriousViolations(page);
  await page.getByRole("link", { name: "Print patient summary" }).click();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("region", { name: "High-risk alerts" })).toContainText(/HIGH RISK.*DNACPR/);
  await expectRecordedFlags(page.getByRole("region", { name: "Details" }));
  await page.screenshot({ path: `${shots}/patient-high-risk-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });

  // Each other state on its patient page and its printout, with no high-risk section.
  for (const [family, words] of [
    [patients.noneKnown, stateWords.noneKnown],
    [patients.notSent, stateWords.notSent],
    [hidden, stateWords.notPublished],
  ] as const) {
    await page.goto("/");
    await page
      .getByRole("link", { name: new RegExp(family) })
      .first()
      .click();
    const details = page.getByRole("region", { name: "Details" });
    await expect(details).toContainText(words);
    await expect(page.getByRole("region", { name: "High-risk alerts" })).toHaveCount(0);
    await expectNoSeriousViolations(page);
    await page.getByRole("link", { name: "Print patient summary" }).click();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("region", { name: "Details" })).toContainText(words);
    await page.emulateMedia({ media: "screen" });
  }
}
