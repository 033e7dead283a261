/** Page object: the patient screen (/patients/{stayId}), online or drawn from the offline copy. */
import type { Locator, Page } from "@playwright/test";
import { AppFrame } from "./app-frame";

/** The identifiers line under the name: "NHS 999 000 0018 · MRN RXD…". */
export const identifiersLine = /^NHS \d{3} \d{3} \d{4} · MRN /;

export class PatientPage extends AppFrame {
  /** The patient's record: banner, details, documents, stay history and links. */
  readonly article: Locator;
  /** The identifiers line in the banner under the name. */
  readonly identifiers: Locator;
  /** The identifiers line wherever it is on the page (the offline page checks it this way). */
  readonly identifiersOnPage: Locator;
  readonly documents: Locator;
  readonly stayHistory: Locator;
  readonly printSummaryLink: Locator;
  readonly backToWardLink: Locator;
  /** The break-glass notice on a patient outside the user's wards. */
  readonly breakGlassNotice: Locator;

  constructor(page: Page) {
    super(page);
    this.article = page.getByRole("article");
    this.identifiers = this.article.getByText(identifiersLine);
    this.identifiersOnPage = page.getByText(identifiersLine);
    this.documents = page.getByRole("region", { name: "Downtime documents" });
    this.stayHistory = page.getByRole("heading", { name: "Stay history" });
    this.printSummaryLink = page.getByRole("link", { name: "Print patient summary" });
    this.backToWardLink = page.getByRole("link", { name: /Back to/ });
    this.breakGlassNotice = page.getByRole("alert").filter({ hasText: "Break-glass access" });
  }

  /** The patient's name as a heading: level 1 online, level 2 on the offline page. */
  name(name: string | RegExp, level: 1 | 2 = 1): Locator {
    return this.page.getByRole("heading", { level, name });
  }

  /** A downtime document's link (it opens in a new tab). */
  document(title: string): Locator {
    return this.documents.getByRole("link", { name: title });
  }

  /** The MRN from the first "· MRN …" text on the screen. */
  async mrn(): Promise<string> {
    const text = await this.page
      .getByText(/· MRN /)
      .first()
      .textContent();
    return text!.match(/MRN (\S+)/)![1]!;
  }
}
