import { describe, expect, it } from "vitest";
import { type BrowserFacts, shouldAskToInstall } from "./ios-install";

const iPhoneSafari =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const iPadOsSafari =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
const iPhoneChrome =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1";
const androidChrome =
  "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

const facts = (overrides: Partial<BrowserFacts>): BrowserFacts => ({
  userAgent: iPhoneSafari,
  maxTouchPoints: 5,
  standalone: false,
  displayModeStandalone: false,
  ...overrides,
});

describe("shouldAskToInstall", () => {
  it("asks Safari on an iPhone that has not added the app to the Home Screen", () => {
    expect(shouldAskToInstall(facts({}))).toBe(true);
  });

  it("asks iPadOS Safari, which reports itself as a Mac with touch", () => {
    expect(shouldAskToInstall(facts({ userAgent: iPadOsSafari }))).toBe(true);
    expect(shouldAskToInstall(facts({ userAgent: iPadOsSafari, maxTouchPoints: 0 }))).toBe(false);
  });

  it("does not ask once opened from the Home Screen", () => {
    expect(shouldAskToInstall(facts({ standalone: true }))).toBe(false);
    expect(shouldAskToInstall(facts({ displayModeStandalone: true }))).toBe(false);
  });

  it("does not ask other browsers, on iOS or elsewhere", () => {
    expect(shouldAskToInstall(facts({ userAgent: iPhoneChrome }))).toBe(false);
    expect(shouldAskToInstall(facts({ userAgent: androidChrome, standalone: undefined }))).toBe(false);
  });
});
