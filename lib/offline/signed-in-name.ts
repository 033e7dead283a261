/**
 * The signed-in user's display name, kept so the offline page (cached without cookies, so it
 * names nobody: ADR 0002) can still say whose copy is shown. Forgotten with the cache identity
 * on sign-out, session revocation and wipe (offline-identity.ts). No patient data.
 */
/** Also removed by offline-identity.ts forgetCacheIdentity (inlined there). */
const storageKey = "downtime.signed-in-name";

export function rememberSignedInName(name: string): void {
  try {
    localStorage.setItem(storageKey, name);
  } catch {
    // Storage refused (private mode, quota): the offline header then shows no name.
  }
}

export function signedInName(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function forgetSignedInName(): void {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // Nothing was kept.
  }
}
