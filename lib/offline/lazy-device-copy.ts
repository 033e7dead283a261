/**
 * The device copy's code (Dexie, the AES-GCM sealing, the sync client and its checks) is loaded on
 * demand, never with a page's first paint: online, the ward list comes from the server first and
 * the copy is read, kept and synced once the screen is up; offline pages (app/offline) load it at
 * once. One import per module, shared by every caller.
 */
let deviceViews: Promise<typeof import("./device-views")> | undefined;
let wardCache: Promise<typeof import("./ward-cache")> | undefined;
let syncClient: Promise<typeof import("./sync-client")> | undefined;

export const loadDeviceViews = () => {
  deviceViews ??= import("./device-views");
  return deviceViews;
};
export const loadWardCache = () => {
  wardCache ??= import("./ward-cache");
  return wardCache;
};
export const loadSyncClient = () => {
  syncClient ??= import("./sync-client");
  return syncClient;
};

/** How long an online screen waits for the server before it draws the device copy anyway. */
export const deviceCopyGraceMs = 1_500;
