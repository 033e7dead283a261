/** Page object: the phone enrolment screen (/enrol), opened from a ward PC session. */
import type { Locator, Page } from "@playwright/test";

export class EnrolPage {
  readonly start: Locator;
  readonly qrCode: Locator;
  /** The base32 key, shown once for typing in. */
  readonly secret: Locator;
  readonly code: Locator;
  readonly activate: Locator;
  /** "Your phone is set up…" once the first code was accepted. */
  readonly done: Locator;

  constructor(readonly page: Page) {
    this.start = page.getByRole("button", { name: "Set up phone sign-in" });
    this.qrCode = page.getByRole("img", { name: /QR code/ });
    this.secret = page.getByTestId("totp-secret");
    this.code = page.getByLabel(/6-digit code/);
    this.activate = page.getByRole("button", { name: "Activate" });
    this.done = page.getByRole("status");
  }

  async goto(): Promise<void> {
    await this.page.goto("/enrol");
  }

  /** Reads the key shown after "Set up phone sign-in" (waits for it). */
  async readSecret(): Promise<string> {
    return (await this.secret.textContent())!.trim();
  }

  /** Proves a first code from the authenticator to activate the credential. */
  async activateWith(code: string): Promise<void> {
    await this.code.fill(code);
    await this.activate.click();
  }
}
