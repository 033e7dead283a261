/** Phone e2e: Downtime as an installed app (manifest, service worker, offline shell, prompted updates). */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const workerFile = path.join(import.meta.dirname, "..", "public", "sw.js");

/** Every URL held in Cache Storage, read from the page (the worker's caches are the origin's). */
async function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(request.url);
    }
    return urls;
  });
}

async function activeWorker(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.scriptURL;
  });
}

test.describe("Downtime as an installed app on a phone", () => {
  test("serves a web app manifest whose icons load", async ({ page, request }) => {
    await page.goto("/");
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute(
      "href",
      "/icons/apple-touch-icon.png",
    );

    const response = await request.get("/manifest.webmanifest");
    expect(response.status()).toBe(200);
    const manifest = JSON.parse(await response.text());
    expect(manifest).toMatchObject({ name: "Downtime", start_url: "/", display: "standalone" });
    const purposes = manifest.icons.map((icon: { purpose?: string }) => icon.purpose ?? "any");
    expect(purposes).toContain("maskable");
    for (const size of ["192x192", "512x512"]) {
      expect(manifest.icons.some((icon: { sizes: string }) => icon.sizes === size)).toBe(true);
    }
    for (const icon of manifest.icons as { src: string }[]) {
      const image = await request.get(icon.src);
      expect(image.status(), icon.src).toBe(200);
      expect(image.headers()["content-type"], icon.src).toBe("image/png");
    }
  });

  test("serves the worker uncached, as JavaScript", async ({ request }) => {
    const response = await request.get("/sw.js");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/javascript/);
    expect(response.headers()["cache-control"]).toBe("no-cache");
    expect(await response.text()).not.toContain("self.__WB_MANIFEST");
  });

  test("works offline with the shell only, never patient pages", async ({ page, context }) => {
    // Several navigations with a service worker, then closing an offline context that holds one:
    // on a loaded 2-core machine the teardown alone has taken longer than the default 30 s.
    test.slow();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Wards", level: 1 })).toBeVisible();
    expect(await activeWorker(page)).toMatch(/\/sw\.js$/);
    await expect(page.getByText("Offline support could not start")).toHaveCount(0);

    // Visit a few pages online so a worker that cached pages or API answers would have done so.
    await page.goto("/health");
    await expect(page.getByRole("heading", { name: "System health" })).toBeVisible();
    expect(await page.evaluate(async () => (await fetch("/api/health")).status)).toBe(200);

    const cspViolations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await context.setOffline(true);
    await page.goto("/wards/never-visited");
    await expect(page.getByRole("heading", { name: "You are offline", level: 1 })).toBeVisible();
    await expect(page.getByRole("status", { name: "Connection" })).toHaveText("Offline");
    await expect(page.locator("[data-offline-app]")).toHaveCount(1);
    expect(new URL(page.url()).pathname).toBe("/wards/never-visited");
    // The page's scripts ran from the precache (the client router mounts its announcer on hydration),
    // so the offline UI can draw from IndexedDB.
    await expect(page.locator("next-route-announcer")).toHaveCount(1);
    expect(cspViolations).toEqual([]);

    const origin = new URL(page.url()).origin;
    const urls = await cachedUrls(page);
    expect(urls).toContain(`${origin}/offline`);
    expect(urls).not.toContain(`${origin}/`);
    expect(urls.filter((url) => new URL(url).pathname.startsWith("/api/"))).toEqual([]);
    // Only the app shell: build assets, icons, the manifest and the offline page.
    const outside = urls.filter(
      (url) => !/^\/(_next\/static\/|icons\/|manifest\.webmanifest$|offline$)/.test(new URL(url).pathname),
    );
    expect(outside).toEqual([]);
    await context.setOffline(false);
  });

  test("asks before updating and updates only when the user accepts", async ({ page }) => {
    await page.goto("/");
    await activeWorker(page);
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);

    // A new deployment: the same worker with different bytes. (Playwright cannot route a
    // service worker's script fetch, so the built file is changed and put back at the end: put
    // back earlier, the reloaded page would rightly find yet another version and ask again.)
    const original = readFileSync(workerFile, "utf8");
    try {
      writeFileSync(workerFile, `${original}\n// next release\n`);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration("/"))?.update());
      const prompt = page
        .getByRole("alert")
        .filter({ hasText: "A new version of Downtime is ready. Reload to update." });
      await expect(prompt).toBeVisible();
      const hasWaiting = () =>
        page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration("/"))?.waiting));
      expect(await hasWaiting(), "the new worker waits for the user").toBe(true);

      await page.evaluate(() => Object.assign(window, { beforeUpdate: true }));
      const reloaded = page.waitForEvent("load");
      await prompt.getByRole("button", { name: "Reload" }).click();
      await reloaded;
      expect(await page.evaluate(() => "beforeUpdate" in window), "the page reloaded").toBe(false);
      await expect(prompt).toHaveCount(0);
      await expect.poll(hasWaiting).toBe(false);
    } finally {
      writeFileSync(workerFile, original);
    }
    await expect(page.getByRole("heading", { name: "Wards", level: 1 })).toBeVisible();
  });
});
