/**
 * OpenNext build for AWS Lambda (`npm run build:aws`; docs/adr/0004-opennext-lambda-and-origin.md).
 * One server function behind CloudFront; the proxy (proxy.ts, Node runtime) runs inside it.
 */
import type { InstallOptions, OpenNextConfig } from "@opennextjs/aws/types/open-next.js";

const config = {
  default: {
    // Buffered responses (the default wrapper): no route streams (docs/design.md), and a function
    // URL in BUFFERED mode is what the web construct deploys.
    minify: true,
    override: {
      // Refuses requests that did not come through CloudFront (ADR 0004).
      wrapper: () => import("./lib/runtime/lambda/origin-verified-wrapper").then((module) => module.default),
    },
  },
  // Every page is rendered per request for a signed-in user: there is nothing to keep in an ISR
  // cache, so no cache bucket, revalidation queue or tag table is deployed.
  dangerous: { disableIncrementalCache: true, disableTagCache: true },
  imageOptimization: {
    // Images are unoptimised (next.config.ts) and no image function is deployed. OpenNext always
    // builds one and would `npm install sharp` for it from the registry at build time; `false`
    // skips that install (installDependencies returns early on a falsy value), so the build uses
    // only what `npm ci` installed.
    install: false as unknown as InstallOptions,
  },
  buildCommand: "npm run build",
} satisfies OpenNextConfig;

export default config;
