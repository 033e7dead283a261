/**
 * Whether to ask for Downtime to be added to the Home Screen (pure). Safari on iOS and iPadOS
 * deletes a site's script-writable storage (IndexedDB included: the offline copy) after 7 days
 * of use without a visit; a web app added to the Home Screen is exempt. Other iOS browsers are
 * WebKit too but cannot add a web app the same way on every version, so the ask is Safari's.
 */

export interface BrowserFacts {
  userAgent: string;
  /** navigator.maxTouchPoints: iPadOS Safari reports itself as a Mac, with touch. */
  maxTouchPoints: number;
  /** navigator.standalone (iOS only): true when opened from the Home Screen. */
  standalone: boolean | undefined;
  /** matchMedia("(display-mode: standalone)").matches. */
  displayModeStandalone: boolean;
}

export function isIosDevice(facts: Pick<BrowserFacts, "userAgent" | "maxTouchPoints">): boolean {
  if (/\b(iPhone|iPad|iPod)\b/.test(facts.userAgent)) return true;
  return /\bMacintosh\b/.test(facts.userAgent) && facts.maxTouchPoints > 1;
}

/** Safari itself, not Chrome (CriOS), Firefox (FxiOS), Edge (EdgiOS) or an in-app browser. */
export function isSafari(userAgent: string): boolean {
  return (
    /\bSafari\//.test(userAgent) &&
    /\bVersion\//.test(userAgent) &&
    !/\b(CriOS|FxiOS|EdgiOS|OPiOS)\//.test(userAgent)
  );
}

export function shouldAskToInstall(facts: BrowserFacts): boolean {
  const installed = facts.standalone === true || facts.displayModeStandalone;
  return !installed && isIosDevice(facts) && isSafari(facts.userAgent);
}
