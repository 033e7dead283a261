/**
 * Desktop e2e (issue 12): every page and the staff API routes, as every role and with "another
 * ward" in the address, answer below 500, and a refusal is a proper 403/404 page. The in-process
 * twin, which finds every page and route on disk, is lib/security/attack/no-server-errors.int.test.ts.
 */
import type { Page } from "@playwright/test";
import { type DemoRole, expect, type Fixtures, test } from "./fixtures";

const unknownId = "00000000-0000-4000-8000-00000000dead";

interface Ids {
  /** The demo clinician's first ward, and the ward clerk's (at another site): "another ward". */
  clinicianWard: string;
  clerkWard: string;
  /** A patient on the clinician's ward. */
  stay: string;
}

const wardIn = (url: string) => /\/wards\/([^/?#]+)/.exec(url)?.[1] ?? unknownId;

/** Signs in as the clerk, then the clinician, to learn the ward and stay ids the walk uses. */
async function learnIds(page: Page, signInOnWardPc: Fixtures["signInOnWardPc"]): Promise<Ids> {
  // Staff who read patients land on their first ward.
  await signInOnWardPc("clerk");
  await page.waitForURL(/\/wards\//);
  const clerkWard = wardIn(page.url());
  await signInOnWardPc("clinician");
  await page.waitForURL(/\/wards\//);
  const clinicianWard = wardIn(page.url());
  const census = (await (await page.request.get(`/api/wards/${clinicianWard}`)).json()) as {
    entries: { stayId: string }[];
  };
  return { clinicianWard, clerkWard, stay: census.entries[0]?.stayId ?? unknownId };
}

const pages = (ids: Ids) => [
  "/",
  "/search",
  "/enrol",
  "/health",
  "/offline",
  "/sign-in",
  `/wards/${ids.clinicianWard}`,
  `/wards/${ids.clerkWard}`,
  `/wards/${ids.clinicianWard}/print`,
  `/wards/${ids.clerkWard}/print`,
  "/wards/not-a-ward/print",
  `/patients/${ids.stay}`,
  `/patients/${ids.stay}/print`,
  `/patients/${unknownId}/print`,
  "/patients/junk/print",
];

const apiRoutes = (ids: Ids) => [
  `/api/wards/${ids.clinicianWard}`,
  `/api/wards/${ids.clerkWard}`,
  `/api/patients/${ids.stay}`,
  `/api/patients/${unknownId}`,
  `/api/documents/${unknownId}`,
  "/api/sync",
  `/api/sync/latest?ward=${ids.clinicianWard}`,
  "/api/audit/events",
  "/api/admin/users",
  "/api/admin/devices",
  "/api/admin/facilities",
  "/api/admin/downtime",
  "/api/health",
];

/** The addresses each role must be refused at, with a refusal page rather than an error. */
const refusedPages: Record<DemoRole, (ids: Ids) => string[]> = {
  clinician: (ids) => [`/wards/${ids.clerkWard}/print`, `/patients/${unknownId}/print`],
  clerk: (ids) => [`/wards/${ids.clinicianWard}/print`, `/patients/${ids.stay}/print`],
  admin: (ids) => ["/search", `/wards/${ids.clinicianWard}`, `/wards/${ids.clinicianWard}/print`],
  ig: (ids) => ["/search", `/patients/${ids.stay}`, `/wards/${ids.clerkWard}/print`],
};

/** Statuses as the server sends them (redirects not followed), for every address. */
async function statuses(page: Page, addresses: string[]): Promise<string[]> {
  const answers: string[] = [];
  for (const address of addresses) {
    const response = await page.request.get(address, { maxRedirects: 0 });
    answers.push(`${response.status()} ${address}`);
  }
  return answers;
}

const serverErrors = (answers: string[]) => answers.filter((answer) => Number(answer.slice(0, 3)) >= 500);

test("signed out, every page and route answers below 500, and staff pages send you to sign in", async ({
  page,
  signInOnWardPc,
}) => {
  const ids = await learnIds(page, signInOnWardPc);
  await page.context().clearCookies();
  expect(serverErrors(await statuses(page, [...pages(ids), ...apiRoutes(ids)]))).toEqual([]);
  const response = await page.request.get(`/wards/${ids.clinicianWard}/print`, { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toMatch(/\/sign-in/);
});

for (const role of ["clinician", "clerk", "admin", "ig"] as const) {
  test(`as ${role}, every page and route answers below 500, and refusals are a 403/404 page`, async ({
    page,
    signInOnWardPc,
  }) => {
    const ids = await learnIds(page, signInOnWardPc);
    await signInOnWardPc(role);
    expect(serverErrors(await statuses(page, [...pages(ids), ...apiRoutes(ids)]))).toEqual([]);
    for (const address of refusedPages[role](ids)) {
      const response = await page.goto(address);
      const status = response!.status();
      expect([403, 404], address).toContain(status);
      // The 403 is app/forbidden.tsx; a 404 is Next.js's own page.
      if (status === 403)
        await expect(page.getByRole("heading", { name: "Not available to you" })).toBeVisible();
      else await expect(page.getByText("This page could not be found.")).toBeVisible();
    }
  });
}
