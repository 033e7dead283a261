/** Page object: the search page (/search), its results and the candidates outside the user's wards. */
import type { Locator, Page } from "@playwright/test";
import { AppFrame } from "./app-frame";

export class SearchPage extends AppFrame {
  readonly box: Locator;
  readonly results: Locator;
  /** Patients outside the user's wards: name, birth date, sex and the break-glass form. */
  readonly outsideWards: Locator;
  readonly reason: Locator;
  readonly breakGlassButton: Locator;

  constructor(page: Page) {
    super(page);
    this.box = page.getByLabel("Name, NHS number or MRN");
    this.results = page.getByRole("region", { name: "Results" });
    this.outsideWards = page.getByRole("region", { name: "Outside your wards" });
    this.reason = page.getByLabel(/Why do you need .* record/);
    this.breakGlassButton = page.getByRole("button", { name: "Break glass and open" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/search");
  }

  /** Types the query and submits it; resolves once that search's answer is drawn. */
  async search(query: string): Promise<void> {
    await this.box.fill(query);
    await Promise.all([
      this.page.waitForResponse((response) => response.request().method() === "POST"),
      this.page.getByRole("button", { name: "Search", exact: true }).click(),
    ]);
    await this.results.waitFor();
  }
}
