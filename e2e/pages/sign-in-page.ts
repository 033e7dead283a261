/** Page object: the sign-in screen (/sign-in), where a phone signs in with a username and a code. */
import type { Locator, Page } from "@playwright/test";

export class SignInPage {
  readonly heading: Locator;
  readonly username: Locator;
  readonly code: Locator;
  readonly submit: Locator;
  /** The form's refusal ("That code did not match", "Too many attempts from this device…", …); filter it by text. */
  readonly refusal: Locator;
  /** The notice shown at /sign-in?ended=1 when a session ended on the server. */
  readonly sessionEnded: Locator;
  /** The phone sign-in form once hydrated (data-ready), counting its answers in data-answers. */
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Sign in" });
    this.username = page.getByLabel("Windows username");
    this.code = page.getByLabel(/6-digit code/);
    this.submit = page.getByRole("button", { name: "Sign in" });
    this.refusal = page.getByRole("alert");
    this.sessionEnded = page.getByRole("alert").filter({ hasText: "Your session has ended" });
    this.form = page.locator('form[data-ready="true"]');
  }

  /** Opens the page and waits until the form is live (typing before hydration would be lost). */
  async goto(): Promise<void> {
    await this.page.goto("/sign-in");
    await this.form.waitFor();
  }

  /** Submits one attempt and waits for the server's answer to be on screen. */
  async attempt(username: string, code: string): Promise<void> {
    const answered = Number(await this.form.getAttribute("data-answers"));
    await this.username.fill(username);
    await this.code.fill(code);
    await this.submit.click();
    await this.page.locator(`form[data-answers="${answered + 1}"]`).waitFor();
  }

  /** Fills in the form and submits it; `username` as typed, e.g. "DEMO\\clinician". */
  async signIn(username: string, code: string): Promise<void> {
    await this.username.fill(username);
    await this.code.fill(code);
    await this.submit.click();
  }
}
