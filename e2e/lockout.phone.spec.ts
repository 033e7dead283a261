/**
 * Phone e2e: wrong codes slow one device down on one name, and never lock an account. The first
 * five wrong codes are each answered "did not match"; the sixth, straight after, is answered
 * "wait N seconds" (the first back-off is 30 s); a different name on the same phone is still
 * checked at once. Names are made up per run: the throttle answers a name nobody holds exactly
 * as it answers a real one (that equality is asserted in lib/security/attack), and a fresh name
 * keeps the spec independent of earlier runs against the same server (--repeat-each). Each
 * attempt waits for its own answer (the form counts them), so no attempt is typed over another.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";

const didNotMatch = /That username and code did not match/;
const firstBackOff =
  /^Too many attempts from this device; wait ([1-9]|[12][0-9]|30) seconds? and try again\.$/;

test("wrong codes make this device wait before another try, and the page says how long", async ({
  signInPage,
}) => {
  // Seven round trips: room to spare on a loaded machine. The sixth comes one round trip after
  // the fifth, well inside the 30 s back-off the fifth starts.
  test.setTimeout(60_000);
  const name = `DEMO\\e2e${randomUUID().slice(0, 8)}`;
  await signInPage.goto();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signInPage.attempt(name, String(100000 + attempt));
    await expect(signInPage.refusal.filter({ hasText: didNotMatch })).toBeVisible();
    await expect(signInPage.username).toHaveValue(name);
  }
  await signInPage.attempt(name, "123456");
  await expect(signInPage.refusal.filter({ hasText: firstBackOff })).toBeVisible();
  await expect(signInPage.refusal.filter({ hasText: /lock/i })).toHaveCount(0);
  await expect(signInPage.username).toHaveValue(name);

  // The wait belongs to that name on this device: another name is checked straight away.
  await signInPage.attempt(`DEMO\\e2e${randomUUID().slice(0, 8)}`, "123456");
  await expect(signInPage.refusal.filter({ hasText: didNotMatch })).toBeVisible();
});
