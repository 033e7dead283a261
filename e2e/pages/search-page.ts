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

  /**
   * Keeps every body the server sends in answer to a post to /search (the search and break-glass
   * actions, with or without JavaScript), read in full as the browser receives it.
   */
  async recordAnswers(): Promise<string[]> {
    const answers: string[] = [];
    await this.page.route("**/search", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const response = await route.fetch();
      answers.push(await response.text());
      await route.fulfill({ response });
    });
    return answers;
  }

  /** Types the query and submits it; resolves once that search's answer is drawn. */
  async search(query: string): Promise<void> {
    await this.box.fill(query);
    await this.page.getByRole("button", { name: "Search", exact: true }).click();
    await this.results.waitFor();
  }
}
