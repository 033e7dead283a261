/**
 * How every browser run here starts Debian's Chromium: headless as root, and with nothing running
 * in the background (no component updates, sync or prefetching): this machine's closed network
 * refuses those connections, and in benchmarks they would disturb the figures.
 */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
