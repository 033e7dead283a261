/**
 * The layering is enforced by lint (biome.json: noRestrictedImports per folder, noImportCycles),
 * and `npm run lint` checks the whole tree. This proves the rules bite: probe modules laid out
 * like the project, in a scratch folder with the project's own lint configuration, each either
 * refused or accepted. A rule removed or loosened in biome.json fails here.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const probes: { file: string; imports: string; refused: boolean }[] = [
  { file: "lib/hl7/probe.ts", imports: "pg", refused: true },
  { file: "lib/fhir/probe.ts", imports: "dexie", refused: true },
  { file: "lib/adt/probe.ts", imports: "next/headers", refused: true },
  { file: "lib/adt/probe-pglite.ts", imports: "@electric-sql/pglite", refused: true },
  { file: "lib/census/probe.ts", imports: "@/lib/server/db/pglite", refused: true },
  { file: "lib/census/probe-relative.ts", imports: "../server/db/pg-pool", refused: true },
  { file: "lib/retention/probe.ts", imports: "@/lib/runtime/app-context", refused: true },
  { file: "lib/ward-list/probe.ts", imports: "@/lib/ward-list/ward-list.test-kit", refused: true },
  { file: "lib/access/probe.ts", imports: "@/demo/generator/hospital", refused: true },
  { file: "lib/offline/probe.ts", imports: "pg", refused: true },
  { file: "lib/runtime/probe.ts", imports: "@/lib/server/http/staff-route", refused: true },
  { file: "lib/server/db/probe.ts", imports: "@/lib/runtime/app-context", refused: true },
  { file: "app/api/probe/route.ts", imports: "@/test/databases.test-kit", refused: true },
  // What each layer may use.
  { file: "lib/census/probe-port.ts", imports: "@/lib/db/types", refused: false },
  { file: "lib/hl7/probe-pure.ts", imports: "@/lib/errors", refused: false },
  { file: "lib/offline/probe-dexie.ts", imports: "dexie", refused: false },
  { file: "lib/server/db/probe-driver.ts", imports: "pg", refused: false },
  { file: "lib/runtime/probe-adapter.ts", imports: "@/lib/server/db/create-database", refused: false },
  { file: "lib/server/http/probe-runtime.ts", imports: "@/lib/runtime/app-context", refused: false },
  { file: "lib/census/probe.int.test.ts", imports: "@/test/databases.test-kit", refused: false },
];

/** Two modules that import each other: a cycle, refused wherever it is. */
const cycle = [
  { file: "lib/census/cycle-a.ts", source: 'import { b } from "./cycle-b";\n\nexport const a = () => b;\n' },
  { file: "lib/census/cycle-b.ts", source: 'import { a } from "./cycle-a";\n\nexport const b = () => a;\n' },
];

let scratch: string;
let refusedFiles: Set<string>;
let cycleFiles: Set<string>;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "downtime-boundaries-"));
  const config = JSON.parse(readFileSync("biome.json", "utf8"));
  delete config.$schema;
  config.vcs = { enabled: false };
  config.files = { includes: ["**"] };
  writeFileSync(path.join(scratch, "biome.json"), JSON.stringify(config));
  for (const probe of probes) {
    const file = path.join(scratch, probe.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `import * as probe from "${probe.imports}";\n\nexport const used = probe;\n`);
  }
  for (const module of cycle) writeFileSync(path.join(scratch, module.file), module.source);
  let report: string;
  try {
    report = execFileSync(path.resolve("node_modules/.bin/biome"), ["lint", "--reporter=json", "."], {
      cwd: scratch,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    report = (error as { stdout: string }).stdout; // exit 1 when any probe is refused
  }
  const diagnostics = (
    JSON.parse(report) as { diagnostics: { category: string; location: { path: string } }[] }
  ).diagnostics;
  const filesWith = (category: string) =>
    new Set(
      diagnostics
        .filter((diagnostic) => diagnostic.category === category)
        .map((diagnostic) => diagnostic.location.path.replace(/^\.\//, "")),
    );
  refusedFiles = filesWith("lint/style/noRestrictedImports");
  cycleFiles = filesWith("lint/suspicious/noImportCycles");
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("import boundaries", () => {
  for (const probe of probes) {
    it(`${probe.file} ${probe.refused ? "may not" : "may"} import ${probe.imports}`, () => {
      expect(refusedFiles.has(probe.file)).toBe(probe.refused);
    });
  }

  it("refuses an import cycle", () => {
    expect([...cycleFiles].sort()).toEqual(cycle.map((module) => module.file).sort());
  });
});
