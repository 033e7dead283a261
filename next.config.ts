import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules at run time: PGlite ships WASM and data files beside its JS, and the
  // pg driver has optional native parts; bundling either breaks them.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  // Migrations are read from disk at start-up (local) and by `npm run migrate`.
  outputFileTracingIncludes: { "/*": ["./lib/server/db/migrations/*.sql"] },
};

export default nextConfig;
