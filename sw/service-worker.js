/**
 * Downtime's service worker: the app shell, the offline fallback, nothing else (CONVENTIONS habit 10).
 *
 * Written as plain JS with no Workbox runtime modules, so it needs no bundler: scripts/build-sw.mjs
 * runs workbox-build's injectManifest, which only swaps the injection point below for the precache list
 * and writes public/sw.js. A reader can audit every request this worker touches in one screen.
 *
 * What it stores, where: Cache Storage, one cache per build ("downtime-shell-<hash of the list>"),
 * holding only /_next/static/** (hashed JS, CSS, fonts), /icons/**, /manifest.webmanifest and the
 * /offline page. Patient data never goes here (DESIGN §7): pages such as / and /wards/… name the
 * signed-in user, so their HTML is never cached, and /api/** is never intercepted at all.
 * The ward list lives encrypted in IndexedDB (lib/offline), not in this worker.
 *
 * Updates are a deliberate prompt: a new worker waits until the page posts {type: "SKIP_WAITING"}
 * after the user accepts (components/pwa/service-worker-registration.tsx); never skipWaiting() on
 * install.
 */

/** @type {Array<{url: string, revision: string | null} | string>} */
const PRECACHE = self.__WB_MANIFEST;

const CACHE_PREFIX = "downtime-shell-";
const OFFLINE_URL = "/offline";

/** FNV-1a over the precache list: the cache name changes exactly when an entry or revision does. */
function versionOf(entries) {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(entries)) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

const CACHE_NAME = CACHE_PREFIX + versionOf(PRECACHE);

/** Same-origin GETs this worker may answer from Cache Storage. Everything else goes to the network untouched. */
function isShellAsset(url) {
  return (
    url.origin === self.location.origin &&
    (url.pathname.startsWith("/_next/static/") ||
      url.pathname.startsWith("/icons/") ||
      url.pathname === "/manifest.webmanifest")
  );
}

function precacheRequest(entry) {
  const url = typeof entry === "string" ? entry : entry.url;
  const hashed = url.startsWith("/_next/static/");
  return new Request(url, {
    // Never send cookies for shell requests: the cached /offline page must not carry the
    // signed-in user's name into a cache that the next user of a shared ward PC will see.
    credentials: "omit",
    // Hashed build files are immutable; everything else is revalidated so the cache gets this build's copy.
    cache: hashed ? "default" : "no-cache",
  });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE_NAME).then((cache) =>
      Promise.all(
        PRECACHE.map(async (entry) => {
          const request = precacheRequest(entry);
          const response = await fetch(request);
          // A failed entry fails the install: better the old worker than a shell with holes in it.
          if (!response.ok || response.redirected) throw new Error(`Precache failed: ${request.url}`);
          await cache.put(request.url, response);
        }),
      ),
    ),
  );
  // No skipWaiting() here: an update waits for the user to accept the prompt.
});

self.addEventListener("activate", (event) => {
  // Old builds' caches go once the new worker is in charge (their pages have been reloaded).
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
            .map((name) => caches.delete(name)),
        ),
      ),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(request.url, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  // A hashed build file the list missed (e.g. fetched with a query): safe to keep, it holds no data.
  if (
    response.ok &&
    response.type === "basic" &&
    new URL(request.url).pathname.startsWith("/_next/static/")
  ) {
    await cache.put(request.url, response.clone());
  }
  return response;
}

async function networkOrOfflinePage(request) {
  try {
    // Navigations are never cached: their HTML may hold patient data.
    return await fetch(request);
  } catch {
    const cache = await caches.open(CACHE_NAME);
    const offline = await cache.match(OFFLINE_URL, { ignoreVary: true });
    return offline ?? Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(networkOrOfflinePage(request));
    return;
  }
  const url = new URL(request.url);
  if (isShellAsset(url)) event.respondWith(cacheFirst(request));
  // Anything else (/api/**, RSC payloads, other origins) is not touched and never cached.
});
