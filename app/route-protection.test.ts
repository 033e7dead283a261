/**
 * Walks every route handler and page and fails when one does not declare who may call it, or
 * declares a protected policy without calling the matching check. New routes cannot slip in
 * unprotected: they fail here until they state their policy.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isRoutePolicy } from "@/lib/access/authorize";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    if (/^(route\.ts|page\.tsx)$/.test(entry)) return [full];
    // Server actions are endpoints too: any module that starts with "use server".
    return /\.tsx?$/.test(entry) && /^"use server"/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

const files = routeFiles("app");

describe("route protection", () => {
  it("finds the app's routes", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    it(`${file} declares its policy and enforces it`, () => {
      const source = readFileSync(file, "utf8");
      const declared = [...source.matchAll(/declareRoute\("([^"]+)"\)/g)].map((match) => match[1]);
      expect(declared, "exactly one declareRoute(…) per file").toHaveLength(1);
      const policy = declared[0];
      expect(isRoutePolicy(policy)).toBe(true);
      if (policy === "api-key") expect(source).toMatch(/ingestRoute\(request,/);
      else if (policy !== "public")
        expect(source).toMatch(/route\.authorize\(|staffRoute\(route,|pagePrincipal\(route\)/);
    });
  }

  it("keeps patient data off public routes", () => {
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      if (!/declareRoute\("public"\)/.test(source)) continue;
      expect(source, file).not.toMatch(
        /@\/lib\/(census\/census-queries|documents\/read-document|audit\/audit-queries)/,
      );
    }
  });
});
