#!/usr/bin/env node
// Finds the programs the test suite drives besides Node: Debian's Chromium for the e2e tests
// (Playwright must not download its own browser here), and two independent checkers the unit
// tests compare our code with: oathtool (TOTP codes, liboath), zbarimg (printed QR codes, ZBar) and
// pdftotext (the text on each page of a printed list's PDF, Poppler).
// Installs the missing Debian packages in one apt-get run when we are root; otherwise says what
// to install. Fast when everything is there, so `npm test` and `npm run test:e2e` both call it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromiumCandidates = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
].filter(Boolean);

/** Each tool: where it must be, and the Debian packages that provide it. */
const tools = [
  {
    name: "Chromium",
    found: () => chromiumCandidates.find((candidate) => existsSync(candidate)),
    packages: ["chromium", "fonts-dejavu-core"],
  },
  {
    name: "oathtool",
    found: () => existsSync("/usr/bin/oathtool") && "/usr/bin/oathtool",
    packages: ["oathtool"],
  },
  {
    name: "zbarimg",
    found: () => existsSync("/usr/bin/zbarimg") && "/usr/bin/zbarimg",
    packages: ["zbar-tools"],
  },
  {
    name: "pdftotext",
    found: () => existsSync("/usr/bin/pdftotext") && "/usr/bin/pdftotext",
    packages: ["poppler-utils"],
  },
];

function aptInstall(packages) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return false;
  console.log(`Installing Debian packages for the tests: ${packages.join(" ")} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...packages], {
    stdio: "inherit",
    env,
  });
  return true;
}

let missing = tools.filter((tool) => !tool.found());
if (missing.length > 0 && aptInstall(missing.flatMap((tool) => tool.packages))) {
  missing = tools.filter((tool) => !tool.found());
}
if (missing.length > 0) {
  const packages = missing.flatMap((tool) => tool.packages).join(" ");
  console.error(
    `The tests need ${missing.map((tool) => tool.name).join(", ")}. Install with: sudo apt-get install ${packages}\n` +
      "(for Chromium, CHROMIUM_PATH may name another Chromium/Chrome binary).",
  );
  process.exit(1);
}
for (const tool of tools) console.log(`Using ${tool.name} at ${tool.found()}`);
