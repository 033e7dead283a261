/**
 * Phone e2e (390 × 844): allergies can never be misread, and high-risk alerts stand out, on the
 * ward list card, the patient page and their print views (e2e/support/allergy-alerts.ts).
 */
import { test } from "./fixtures";
import { allergiesAndAlertsJourney } from "./support/allergy-alerts";

test.use({ viewport: { width: 390, height: 844 } });

test("each allergy state is said in words and a DNACPR alert is HIGH RISK, on a phone and on paper", async ({
  page,
  browser,
  baseURL,
  request,
  signInOnPhone,
}) => {
  test.setTimeout(150_000);
  await allergiesAndAlertsJourney({
    page,
    browser,
    baseURL: baseURL!,
    request,
    signIn: () => signInOnPhone(),
    shots: "test-results/phone",
  });
});
