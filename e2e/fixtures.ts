/** Playwright fixtures for the e2e suite: page objects on `page`, and signing in as a ward PC or a phone. */
import { type BrowserContext, test as base, type Page } from "@playwright/test";
import { EnrolPage } from "./pages/enrol-page";
import { PatientPage } from "./pages/patient-page";
import { SignInPage } from "./pages/sign-in-page";
import { WardListPage } from "./pages/ward-list-page";
import { launchUrl, oathtoolCode } from "./support/launcher";

export { expect } from "@playwright/test";

/** One demo user per role (demo/seed/demo-users.ts), by the account name the launcher signs in as. */
export const demoAccounts = {
  clinician: "clinician",
  clerk: "clerk",
  admin: "admin",
  ig: "auditor",
} as const;
export type DemoRole = keyof typeof demoAccounts;

export interface Fixtures {
  /** Page objects on the test's `page`. */
  wardList: WardListPage;
  patientPage: PatientPage;
  signInPage: SignInPage;
  enrolPage: EnrolPage;
  /** A launch link for the demo ward PC, signed by the real launcher CLI; each link works once. */
  wardPcLaunchUrl: (role?: DemoRole) => string;
  /**
   * Opens a fresh launch link on `page` (as the desktop shortcut does) and waits until the launch
   * page has signed in; resolves to the ward list, where the app takes staff who read patients.
   */
  signInOnWardPc: (role?: DemoRole) => Promise<WardListPage>;
  /** Opens a page in a new phone-shaped context (390 × 844, touch), closed after the test. */
  newPhone: () => Promise<Page>;
  /** Enrols a phone for `role` from the ward PC, in a context of its own; resolves to the TOTP secret. */
  enrolPhone: (role?: DemoRole) => Promise<string>;
  /**
   * Enrols a phone, then signs `page` in at /sign-in with the username and a code from oathtool
   * (the next time step: the activation used this one); resolves to the ward list.
   */
  signInOnPhone: (role?: DemoRole) => Promise<WardListPage>;
}

/** Waits until the launch page has traded its token for a session and moved on. */
async function launch(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL((address) => address.pathname !== "/launch", { waitUntil: "commit" });
}

export const test = base.extend<Fixtures>({
  wardList: async ({ page }, use) => {
    await use(new WardListPage(page));
  },
  patientPage: async ({ page }, use) => {
    await use(new PatientPage(page));
  },
  signInPage: async ({ page }, use) => {
    await use(new SignInPage(page));
  },
  enrolPage: async ({ page }, use) => {
    await use(new EnrolPage(page));
  },
  wardPcLaunchUrl: async ({ baseURL }, use) => {
    await use((role = "clinician") => launchUrl(baseURL!, demoAccounts[role]));
  },
  signInOnWardPc: async ({ page, wardList, wardPcLaunchUrl }, use) => {
    await use(async (role = "clinician") => {
      await launch(page, wardPcLaunchUrl(role));
      return wardList;
    });
  },
  newPhone: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext({
        baseURL,
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  enrolPhone: async ({ browser, baseURL, wardPcLaunchUrl }, use) => {
    await use(async (role = "clinician") => {
      const wardPc = await browser.newContext({ baseURL });
      try {
        const page = await wardPc.newPage();
        await launch(page, wardPcLaunchUrl(role));
        const enrol = new EnrolPage(page);
        await enrol.goto();
        await enrol.start.click();
        const secret = await enrol.readSecret();
        await enrol.activateWith(oathtoolCode(secret));
        await enrol.done.filter({ hasText: "Your phone is set up" }).waitFor();
        return secret;
      } finally {
        await wardPc.close();
      }
    });
  },
  signInOnPhone: async ({ page, wardList, signInPage, enrolPhone }, use) => {
    await use(async (role = "clinician") => {
      const secret = await enrolPhone(role);
      await signInPage.goto();
      await signInPage.signIn(`DEMO\\${demoAccounts[role]}`, oathtoolCode(secret, 30));
      await page.waitForURL((address) => address.pathname !== "/sign-in", { waitUntil: "commit" });
      return wardList;
    });
  },
});
