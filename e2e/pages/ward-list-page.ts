/** Page object: the ward list screen (/wards/{wardId}), a table on a wide screen and cards on a phone. */
import type { Locator, Page } from "@playwright/test";
import { AppFrame } from "./app-frame";
import { PatientPage } from "./patient-page";

/** The app's `md` breakpoint (48rem): a table from this width, cards below it. */
const tableFromWidth = 768;

export class WardListPage extends AppFrame {
  /** Desktop layout: one row per bed (the first row is the header). */
  readonly table: Locator;
  readonly rows: Locator;
  /** Phone layout: one card per bed. */
  readonly patientList: Locator;
  readonly cards: Locator;
  /** The list from the server. */
  readonly listRegion: Locator;
  /** The list drawn from the encrypted copy on this device. */
  readonly offlineCopy: Locator;
  /** Either of the two above (the name matches both). */
  readonly anyListRegion: Locator;
  readonly noPatients: Locator;
  /** The heading of the offline page that stands in for the screen with no signal. */
  readonly offlineHeading: Locator;
  readonly printWardListLink: Locator;
  readonly printDocumentsLink: Locator;
  readonly wardSwitcher: Locator;

  constructor(page: Page) {
    super(page);
    this.table = page.getByRole("table");
    this.rows = this.table.getByRole("row");
    this.patientList = page.getByRole("list", { name: "Patients" });
    this.cards = this.patientList.getByRole("listitem");
    this.listRegion = page.getByRole("region", { name: "Ward list", exact: true });
    this.offlineCopy = page.getByRole("region", { name: "Ward list (offline copy)" });
    this.anyListRegion = page.getByRole("region", { name: "Ward list" });
    this.noPatients = page.getByText("No patients on this ward.");
    this.offlineHeading = page.getByRole("heading", { name: "You are offline" });
    this.printWardListLink = page.getByRole("link", { name: "Print ward list" });
    this.printDocumentsLink = page.getByRole("link", { name: "Print all documents for this ward" });
    this.wardSwitcher = page.getByRole("navigation", { name: "Your wards" });
  }

  /** The ward's name as the page heading, e.g. `heading(/Alder Ward/)`. */
  heading(name: string | RegExp): Locator {
    return this.page.getByRole("heading", { level: 1, name });
  }

  /**
   * The status line: "Last update from the hospital system 14:31 (2 minutes ago) · connected to
   * Downtime"; `hasText` narrows it, e.g. to /can't reach Downtime/.
   */
  freshnessBadge(hasText: RegExp = / · (connected to|can't reach|contacting) Downtime/): Locator {
    return this.page.getByRole("status").filter({ hasText });
  }

  /** The patients in the layout the current viewport gets: the table, or the list of cards. */
  get patients(): Locator {
    return (this.page.viewportSize()?.width ?? 0) >= tableFromWidth ? this.table : this.patientList;
  }

  /** The links to the patients (their names), in the current layout. */
  get patientLinks(): Locator {
    return this.patients.getByRole("link");
  }

  /** Opens a patient: the first one, or the one whose link matches `name`. */
  async openPatient(name?: string | RegExp): Promise<PatientPage> {
    const link = name === undefined ? this.patientLinks.first() : this.patients.getByRole("link", { name });
    await link.click();
    return new PatientPage(this.page);
  }

  /** A ward in the switcher, by name. */
  wardLink(name: string | RegExp): Locator {
    return this.wardSwitcher.getByRole("link", { name });
  }

  /** The first ward in the switcher other than the one shown. */
  otherWard(): Locator {
    return this.wardSwitcher.getByRole("link").and(this.page.locator(":not([aria-current])")).first();
  }
}
