/** Page object: the frame every screen shares (main navigation, who is signed in, sign-out). */
import type { Locator, Page } from "@playwright/test";

export class AppFrame {
  /** The site navigation in the header (hidden on paper). */
  readonly mainNav: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.mainNav = page.getByRole("navigation", { name: "Main" });
    this.signOutButton = page.getByRole("button", { name: "Sign out" });
  }

  /** Text on the "who is signed in" line: "Demo Clinician", "ward PC DEMO-WARD-PC", "(phone)". */
  signedInAs(text: string): Locator {
    return this.page.getByText(text);
  }
}
