#!/usr/bin/env node
// Finds the Chromium the e2e suite drives (Playwright must not download its own browser here).
// Installs Debian's package when it is missing and we are root; otherwise says what to install.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const candidates = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
].filter(Boolean);

export function findChromium() {
  return candidates.find((candidate) => existsSync(candidate));
}

function install() {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return false;
  console.log("Chromium not found: installing Debian's chromium package (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
  execFileSync(
    "apt-get",
    ["install", "-y", "-q", "--no-install-recommends", "chromium", "fonts-dejavu-core"],
    { stdio: "inherit", env },
  );
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!findChromium() && !(install() && findChromium())) {
    console.error(
      "The e2e tests need Chromium. Install it with: sudo apt-get install chromium\n" +
        "(or set CHROMIUM_PATH to a Chromium/Chrome binary).",
    );
    process.exit(1);
  }
  console.log(`Using Chromium at ${findChromium()}`);
}
