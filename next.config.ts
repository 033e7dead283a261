import type { NextConfig } from "next";
import { PROXY_BODY_LIMIT_BYTES } from "./lib/request-body-ceiling";

/** Set by `npm run build:aws` (scripts/build-aws.mjs). */
const awsBuild = process.env.DOWNTIME_BUILD_TARGET === "aws";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules at run time: PGlite ships WASM and data files beside its JS, and the
  // pg driver has optional native parts; bundling either breaks them.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  // The AWS build (`npm run build:aws`, OpenNext) runs on Aurora DSQL only: leave the embedded
  // database (20 MB of WASM and data) out of the traced files the Lambda bundle is made from. The
  // adapter is imported only for DATABASE_KIND=embedded (lib/server/db/create-database.ts).
  // "**" matches every entry, instrumentation.ts included (it reaches the adapter selection).
  outputFileTracingExcludes: awsBuild
    ? { "**": ["node_modules/@electric-sql/pglite/**", ".next/node_modules/@electric-sql/pglite*"] }
    : undefined,
  // No image function is deployed on AWS; nothing uses next/image optimisation.
  images: { unoptimized: true },
  // Migrations are read from disk at start-up (local) and by `npm run migrate`.
  outputFileTracingIncludes: { "/*": ["./lib/server/db/migrations/*.sql"] },
  // proxy.ts sees every request, and past this limit Next.js passes routes a silently shortened
  // body: keep it above the largest body any route accepts (lib/request-body-ceiling.ts).
  // authInterrupts: a page's forbidden() answers 403 (app/forbidden.tsx), not a 500.
  experimental: { proxyClientMaxBodySize: PROXY_BODY_LIMIT_BYTES, authInterrupts: true },
  // The service worker (public/sw.js, written by scripts/build-sw.mjs) is revalidated on every
  // check so an update is found at once; it controls the whole origin.
  async headers() {
    return [
      {
        source: "/sw.js",
        headers: [
          { key: "Content-Type", value: "application/javascript; charset=utf-8" },
          { key: "Cache-Control", value: "no-cache" },
          { key: "Service-Worker-Allowed", value: "/" },
        ],
      },
    ];
  },
};

export default nextConfig;
