import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs } from "./scripts/chromium-flags";

// Debian's Chromium (scripts/ensure-test-tools.mjs installs it); Playwright never downloads a browser.
const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (candidate) => candidate && existsSync(candidate),
);
const port = Number(process.env.E2E_PORT ?? 3100);
// Each port gets its own data folder, wiped at start; tests read the demo keys from it.
process.env.E2E_DATA_DIR ??= path.join(process.cwd(), ".data", `e2e-${port}`);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: chromiumArgs,
    },
  },
  projects: [
    {
      name: "phone",
      use: { ...devices["Pixel 7"], browserName: "chromium" },
      testMatch: /.*\.phone\.spec\.ts/,
    },
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1920, height: 1080 } },
      testMatch: /.*\.desktop\.spec\.ts/,
    },
  ],
  webServer: {
    command: `node scripts/e2e-server.mjs ${port} ${process.env.E2E_DATA_DIR}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
  },
});
