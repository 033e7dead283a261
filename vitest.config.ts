import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Unit tests (*.test.ts) sit beside pure modules; integration tests (*.int.test.ts) touch
// PGlite/PostgreSQL/S3/files. Playwright specs in e2e/ are run by Playwright, never by vitest.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}` },
      // Next.js resolves "server-only" to an empty module for server code; tests are server code.
      { find: /^server-only$/, replacement: `${root}test/server-only-stub.ts` },
    ],
  },
  test: {
    include: ["{lib,app,components,demo,scripts,infra}/**/*.test.{ts,tsx}"],
    exclude: ["node_modules", "e2e", ".next", ".data"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
