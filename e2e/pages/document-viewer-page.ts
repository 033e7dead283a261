/** Page object: a downtime document opened in the app (/patients/{stayId}/documents/{id}) under its patient banner. */
import type { Locator, Page } from "@playwright/test";
import { AppFrame } from "./app-frame";

export class DocumentViewerPage extends AppFrame {
  /** The strip naming whose document this is: name, NHS number, MRN, birth date, ward and bed. */
  readonly banner: Locator;
  /** The document itself, drawn from a blob of its bytes. */
  readonly frame: Locator;
  /** "Documents on this device: … of 50 MB budget", the quota and what did not fit. */
  readonly storage: Locator;
  readonly fromDevice: Locator;

  constructor(page: Page) {
    super(page);
    this.banner = page.getByRole("region", { name: "Patient" });
    this.frame = page.locator("iframe[src^='blob:']");
    this.storage = page.getByRole("status", { name: "Storage on this device" });
    this.fromDevice = page.getByText("from the copy on this device");
  }

  heading(title: string): Locator {
    return this.page.getByRole("heading", { level: 1, name: title });
  }
}
