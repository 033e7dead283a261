/**
 * Phone e2e: five wrong codes lock the account, and the sign-in page says so. Each attempt waits
 * for its own answer (the form counts them), so no attempt is typed over a pending one.
 */
import { expect, test } from "./fixtures";

test("five wrong codes lock the account and the sign-in page says so", async ({ signInPage }) => {
  await signInPage.goto();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signInPage.attempt("DEMO\\clerk", String(100000 + attempt));
    // Every attempt reached the server and was refused as a wrong code (the fifth may lock).
    await expect(signInPage.refusal.filter({ hasText: /did not match|locked/ })).toBeVisible();
    await expect(signInPage.username).toHaveValue("DEMO\\clerk");
  }
  await signInPage.attempt("DEMO\\clerk", "123456");
  await expect(signInPage.refusal.filter({ hasText: "locked for 15 minutes" })).toBeVisible();
});
