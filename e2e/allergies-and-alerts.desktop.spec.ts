/**
 * Desktop e2e (a 1366 × 768 ward PC): allergies can never be misread, and high-risk alerts stand
 * out, on the ward list row, the patient page and their print views (e2e/support/allergy-alerts.ts).
 */
import { test } from "./fixtures";
import { allergiesAndAlertsJourney } from "./support/allergy-alerts";

test.use({ viewport: { width: 1366, height: 768 } });

test("each allergy state is said in words and a DNACPR alert is HIGH RISK, on a ward PC and on paper", async ({
  page,
  browser,
  baseURL,
  request,
  signInOnWardPc,
}) => {
  test.setTimeout(150_000);
  await allergiesAndAlertsJourney({
    page,
    browser,
    baseURL: baseURL!,
    request,
    signIn: () => signInOnWardPc(),
    shots: "test-results/desktop",
  });
});
