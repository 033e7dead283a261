import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env";

describe("parseConfig", () => {
  it("defaults to the embedded local shape with no settings at all", () => {
    const config = parseConfig({});
    expect(config.appEnv).toBe("local");
    expect(config.database).toEqual({ kind: "embedded", dataDir: ".data/pglite" });
    expect(config.storage).toEqual({ kind: "files", root: ".data/documents" });
    expect(config.migrateOnStart).toBe(true);
    expect(config.demoData).toBe(true);
    expect(config.timeZone).toBe("Europe/London");
  });

  it("picks PostgreSQL from DATABASE_URL and DSQL from DSQL_ENDPOINT (region from the endpoint)", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://u@db:5432/x" }).database).toMatchObject({
      kind: "postgres",
    });
    expect(parseConfig({ DSQL_ENDPOINT: "abc123.dsql.eu-west-2.on.aws" }).database).toEqual({
      kind: "dsql",
      endpoint: "abc123.dsql.eu-west-2.on.aws",
      region: "eu-west-2",
      user: "admin",
      poolMax: 10,
    });
  });

  it("opens one database connection per Lambda instance unless told otherwise", () => {
    const dsql = { DSQL_ENDPOINT: "abc123.dsql.eu-west-2.on.aws" };
    expect(parseConfig({ ...dsql, AWS_LAMBDA_FUNCTION_NAME: "downtime-prod-server" }).database).toMatchObject(
      {
        poolMax: 1,
      },
    );
    expect(
      parseConfig({ ...dsql, AWS_LAMBDA_FUNCTION_NAME: "downtime-prod-server", DATABASE_POOL_MAX: "3" })
        .database,
    ).toMatchObject({ poolMax: 3 });
    expect(parseConfig({ DATABASE_URL: "postgres://u@db:5432/x" }).database).toMatchObject({ poolMax: 10 });
  });

  it("trusts no forwarding proxy unless TRUSTED_PROXIES names them", () => {
    expect(parseConfig({}).trustedProxies).toEqual({ cloudfront: false, networks: [] });
    expect(parseConfig({ TRUSTED_PROXIES: "cloudfront,10.0.0.0/8" }).trustedProxies).toEqual({
      cloudfront: true,
      networks: ["10.0.0.0/8"],
    });
  });

  it("treats empty strings as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", APP_ENV: "" }).database.kind).toBe("embedded");
  });

  const refusals: [string, Record<string, string>, RegExp][] = [
    ["unknown environment", { APP_ENV: "staging" }, /^Configuration error: APP_ENV is invalid/],
    ["bad database url", { DATABASE_URL: "mysql://x" }, /^Configuration error: DATABASE_URL is invalid/],
    ["postgres without url", { DATABASE_KIND: "postgres" }, /^Configuration error: DATABASE_URL required/],
    ["s3 without bucket", { STORAGE_KIND: "s3" }, /^Configuration error: S3_BUCKET required/],
    ["bad time zone", { TIME_ZONE: "Mars/Olympus" }, /^Configuration error: TIME_ZONE is invalid/],
    ["bad dsql endpoint", { DSQL_ENDPOINT: "localhost" }, /^Configuration error: DSQL_ENDPOINT is invalid/],
    // Larger bodies would reach routes cut short by Next.js's proxy (lib/request-body-ceiling.ts).
    [
      "document limit over the ceiling",
      { MAX_DOCUMENT_BYTES: String(33 * 1024 * 1024) },
      /^Configuration error: MAX_DOCUMENT_BYTES is invalid \(at most 33554432 bytes\)/,
    ],
    ["unreadable trusted proxy", { TRUSTED_PROXIES: "10.0.0.0/8,proxy.local" }, /TRUSTED_PROXIES is invalid/],
    [
      "message limit over the ceiling",
      { MAX_MESSAGE_BYTES: String(64 * 1024 * 1024) },
      /^Configuration error: MAX_MESSAGE_BYTES is invalid/,
    ],
    [
      "prod without secrets",
      { APP_ENV: "prod" },
      /^Configuration error: AUTH_SECRET required when APP_ENV=prod/,
    ],
    ["short key", { DATA_ENCRYPTION_KEY: "abc" }, /^Configuration error: DATA_ENCRYPTION_KEY is invalid/],
    ["zero freshness", { FRESHNESS_AMBER_MINUTES: "0" }, /^Configuration error: FRESHNESS_AMBER_MINUTES/],
    ["zero feed silence", { FEED_SILENCE_MINUTES: "0" }, /^Configuration error: FEED_SILENCE_MINUTES/],
    [
      "cache TTL of a week+",
      { OFFLINE_CACHE_TTL_HOURS: "200" },
      /^Configuration error: OFFLINE_CACHE_TTL_HOURS/,
    ],
  ];
  for (const [label, env, message] of refusals) {
    it(`refuses ${label} with one line naming the variable`, () => {
      expect(() => parseConfig(env)).toThrow(ConfigError);
      expect(() => parseConfig(env)).toThrow(message);
      try {
        parseConfig(env);
      } catch (error) {
        expect((error as Error).message).not.toContain("\n");
      }
    });
  }

  it("turns screens amber after 15 minutes and keeps offline copies 24 h on ward PCs, 8 h on phones", () => {
    const defaults = parseConfig({});
    expect(defaults.freshnessAmberMinutes).toBe(15);
    expect(defaults.offlineCacheTtlSeconds).toEqual({ launcher: 86_400, byod: 28_800 });
    const set = parseConfig({
      FRESHNESS_AMBER_MINUTES: "5",
      OFFLINE_CACHE_TTL_HOURS: "12",
      OFFLINE_CACHE_TTL_BYOD_HOURS: "2",
    });
    expect(set.freshnessAmberMinutes).toBe(5);
    expect(set.offlineCacheTtlSeconds).toEqual({ launcher: 43_200, byod: 7_200 });
    // A phone never keeps patients longer than a ward PC.
    expect(parseConfig({ OFFLINE_CACHE_TTL_HOURS: "4" }).offlineCacheTtlSeconds.byod).toBe(14_400);
  });

  it("calls a facility's feed silent after 15 minutes without a message unless FEED_SILENCE_MINUTES says", () => {
    expect(parseConfig({}).feedSilenceMinutes).toBe(15);
    expect(parseConfig({ FEED_SILENCE_MINUTES: "3" }).feedSilenceMinutes).toBe(3);
    expect(() => parseConfig({ FEED_SILENCE_MINUTES: "0" })).toThrow("FEED_SILENCE_MINUTES");
    expect(() => parseConfig({ FEED_SILENCE_MINUTES: "2.5" })).toThrow("FEED_SILENCE_MINUTES");
  });

  it("does not demo-seed or auto-migrate deployed environments by default", () => {
    const config = parseConfig({
      APP_ENV: "cert",
      AUTH_SECRET: "x".repeat(32),
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
      PUBLIC_ORIGIN: "https://downtime.example.nhs.uk",
      DATABASE_URL: "postgres://u@db/x",
    });
    expect(config.demoData).toBe(false);
    expect(config.migrateOnStart).toBe(false);
  });
});
