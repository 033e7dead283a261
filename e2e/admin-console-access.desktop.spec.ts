/**
 * Desktop e2e (issue 13): every console page, found on disk, as every role. A role whose policy
 * allows the page gets it (and axe finds no serious or critical violation); every other role gets
 * the refusal page. Pages with a dynamic segment ([id]) are walked in-process by
 * lib/security/attack/no-server-errors.int.test.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { consoleSectionsFor } from "../lib/access/console-sections";
import { hasPermission, type Permission, type Role } from "../lib/access/roles";
import { type DemoRole, expect, test } from "./fixtures";

const consoleRoot = path.join("app", "(admin)", "admin");

interface ConsolePage {
  address: string;
  policy: string;
}

function consolePages(dir = consoleRoot): ConsolePage[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry.startsWith("[") ? [] : consolePages(full);
    if (entry !== "page.tsx") return [];
    const policy = /declareRoute\("([^"]+)"\)/.exec(readFileSync(full, "utf8"))?.[1] ?? "missing";
    const address = `/admin${path
      .relative(consoleRoot, dir)
      .split(path.sep)
      .filter(Boolean)
      .map((part) => `/${part}`)
      .join("")}`;
    return [{ address, policy }];
  });
}

const rolesOf: Record<DemoRole, Role[]> = {
  clinician: ["clinician"],
  clerk: ["ward-clerk"],
  admin: ["admin"],
  ig: ["ig-auditor"],
};

function allowed(role: DemoRole, page: ConsolePage): boolean {
  if (page.address === "/admin") return consoleSectionsFor(rolesOf[role]).length > 0;
  if (page.policy === "signed-in") return true;
  return hasPermission(rolesOf[role], page.policy as Permission);
}

const pages = consolePages();

test("the console has a page for every section", () => {
  const addresses = pages.map((page) => page.address);
  expect(addresses).toContain("/admin");
  for (const section of consoleSectionsFor(["admin", "ig-auditor"])) {
    expect(addresses).toContain(`/admin/${section.slug}`);
  }
});

for (const role of ["clinician", "clerk", "admin", "ig"] as const) {
  test(`as ${role}, console pages answer by policy, and the allowed ones pass axe`, async ({
    page,
    signInOnWardPc,
  }) => {
    test.setTimeout(120_000);
    await signInOnWardPc(role);
    const wrong: string[] = [];
    for (const consolePage of pages) {
      const response = await page.request.get(consolePage.address, { maxRedirects: 0 });
      const expected = allowed(role, consolePage) ? [200] : [403, 404];
      if (!expected.includes(response.status())) wrong.push(`${response.status()} ${consolePage.address}`);
    }
    expect(wrong).toEqual([]);

    const header = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Console" });
    await page.goto("/health");
    if (consoleSectionsFor(rolesOf[role]).length > 0) await expect(header).toBeVisible();
    else await expect(header).toHaveCount(0);

    for (const consolePage of pages.filter((candidate) => allowed(role, candidate))) {
      await page.goto(consolePage.address);
      const result = await new AxeBuilder({ page }).analyze();
      const serious = result.violations
        .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
        .map((violation) => `${consolePage.address}: ${violation.id}`);
      expect(serious).toEqual([]);
    }
  });
}

/** Every console page at a ward office's 1366×768 and a phone's 390×844: nothing runs off sideways. */
for (const viewport of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test(`console pages fit ${viewport.width}×${viewport.height} without sideways scrolling`, async ({
    page,
    signInOnWardPc,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    const overflowing: string[] = [];
    for (const role of ["admin", "ig"] as const) {
      await signInOnWardPc(role);
      // Print views are laid out for A4 paper, not for screens.
      const screens = pages.filter(
        (candidate) => allowed(role, candidate) && !candidate.address.endsWith("/print"),
      );
      for (const consolePage of screens) {
        await page.goto(consolePage.address);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        if (scrollWidth > clientWidth + 1) overflowing.push(`${consolePage.address}: ${scrollWidth}px`);
      }
    }
    expect(overflowing).toEqual([]);
  });
}
