/**
 * Repeat visits to the ward list on a phone: how long from navigation start until patient rows are
 * on screen, offline (service worker + encrypted IndexedDB copy) and, for comparison, online.
 * Timed inside the page, relative to the navigation's own time origin, so Playwright's round trips
 * are not counted. PostgreSQL; Debian's Chromium with the Pixel 7 profile.
 */
import { chromium, devices, type Page } from "@playwright/test";
import type { DemoFacility } from "@/demo/generator/hospital";
import { chromiumArgs } from "@/scripts/chromium-flags";
import type { BenchTarget } from "./bench-targets";
import { chromiumPath } from "./headless-chromium";
import { sessionCookieName, withSignedInWard } from "./signed-in-ward";
import { percentile } from "./stats";

/**
 * "The ward list is visible": a list labelled "Patients" with at least one item, anywhere on the
 * page (the online page, the offline copy, or an IndexedDB-first ward list). The one place to
 * change if the markup does.
 */
export const patientRowsSelector =
  ':is(ul, ol, [role="list"])[aria-label="Patients"] > :is(li, [role="listitem"])';

declare global {
  interface Window {
    __wardListShownMs?: number;
  }
}

/**
 * Runs before the page's own scripts on every navigation: when the first patient row exists, waits
 * for the frame that paints it (a task queued from requestAnimationFrame runs after that paint)
 * and records performance.now(), which counts from this navigation's start. A string, not a
 * function: tsx compiles with keepNames, whose `__name` helper does not exist inside the page.
 */
const recordWhenRowsShown = `(() => {
  const selector = ${JSON.stringify(patientRowsSelector)};
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__wardListShownMs = performance.now(); }));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/**
 * Back online, the offline page returns to the real one by itself (use-return-when-reachable.ts),
 * which would abort a navigation the benchmark had just started: the bench waits for that reload
 * (timeReturnToServer) before timing online visits, and a visit aborted anyway is started again.
 */
async function gotoPastSelfNavigation(page: Page, url: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url, { waitUntil: "commit" });
      return;
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("ERR_ABORTED")) throw error;
      await page.waitForLoadState("load");
    }
  }
}

/**
 * Reconnects while the offline page is open and waits for its own return to the real page (a new
 * document, whose rows are then on screen), so no visit the benchmark starts races that reload.
 */
async function timeReturnToServer(page: Page, reconnect: () => Promise<void>): Promise<number> {
  const reloaded = page.waitForEvent("framenavigated", {
    predicate: (frame) => frame === page.mainFrame(),
    timeout: 30_000,
  });
  const started = performance.now();
  await reconnect();
  await reloaded;
  await page.waitForFunction(() => window.__wardListShownMs, undefined, { timeout: 15_000 });
  return Math.round(performance.now() - started);
}

async function timeVisits(page: Page, url: string, visits: number) {
  const times: number[] = [];
  for (let i = 0; i < visits; i++) {
    await gotoPastSelfNavigation(page, url);
    const shown = await page
      .waitForFunction(() => window.__wardListShownMs, undefined, { timeout: 15_000 })
      .catch(async (error: Error) => {
        const text = await page
          .locator("main")
          .textContent()
          .catch(() => "(no main)");
        throw new Error(
          `no patient rows at ${page.url()}: "${(text ?? "").replace(/\s+/g, " ").slice(0, 200)}" (${error.message})`,
        );
      });
    times.push((await shown.jsonValue()) as number);
    // Cross-check the in-page marker with Playwright's own role-based view of the page.
    await page.getByRole("list", { name: "Patients" }).getByRole("listitem").first().waitFor();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    visits,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: Math.round(sorted.at(-1)! * 100) / 100,
    allMs: times.map((t) => Math.round(t)),
  };
}

export async function offlineRepeatBench(
  makeTarget: () => Promise<BenchTarget>,
  hospital: DemoFacility[],
  visits = 10,
) {
  return withSignedInWard(makeTarget, hospital, { sessions: 1 }, async (ward) => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    try {
      const context = await browser.newContext({ ...devices["Pixel 7"] });
      await context.addCookies([
        {
          name: sessionCookieName,
          value: ward.sessionTokens[0]!,
          url: ward.server.origin,
          httpOnly: true,
          sameSite: "Lax",
        },
      ]);
      await context.addInitScript({ content: recordWhenRowsShown });
      const page = await context.newPage();
      const url = `${ward.server.origin}${ward.wardPath}`;
      // First visit: installs the service worker and saves the encrypted copy. Two sync rounds, as
      // in e2e/offline-ward-list.phone.spec.ts: the feed holds back changes only seconds old.
      await page.goto(url);
      if (!(await page.title()).includes("Ward list"))
        throw new Error(`not the signed-in ward list: "${await page.title()}" at ${page.url()}`);
      await page.evaluate(async () => navigator.serviceWorker.ready);
      await page.locator("html[data-offline-rounds='2']").waitFor({ state: "attached", timeout: 30_000 });

      await context.setOffline(true);
      const offline = await timeVisits(page, url, visits);
      await page.getByRole("region", { name: "Ward list (offline copy)" }).waitFor(); // really the copy
      const returnToServerMs = await timeReturnToServer(page, () => context.setOffline(false));
      const online = await timeVisits(page, url, visits);
      return {
        database: ward.target,
        device: "Pixel 7 (Playwright profile, no CPU or network throttling)",
        patientsOnWard: ward.patientsOnWard,
        visibleWhen: patientRowsSelector,
        target: { offlineP95Ms: "<= 500" },
        offline,
        returnToServer: {
          note: "back online, the offline page reloads the real one by itself (use-return-when-reachable.ts): from reconnecting to rows on the real page",
          ms: returnToServerMs,
        },
        online,
      };
    } finally {
      await browser.close();
    }
  });
}
