/**
 * Configuration, validated once. Every setting the app reads from the environment is declared
 * here; a missing or wrong one stops start-up with one line naming the variable. Domain code
 * receives the parsed `Config` and never reads `process.env` itself.
 */
import { z } from "zod";
import { MAX_BODY_BYTES_CEILING } from "./request-body-ceiling";
import { parseTrustedProxies, type TrustedProxies } from "./security/trusted-proxies";

export const appEnvironments = ["local", "build", "mock", "cert", "training", "prod"] as const;
export type AppEnvironment = (typeof appEnvironments)[number];

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((value) => value === "1" || value === "true" || value === "yes");

const positiveInt = z.coerce.number().int().positive();
const bodyLimit = positiveInt.max(MAX_BODY_BYTES_CEILING, `at most ${MAX_BODY_BYTES_CEILING} bytes`);

/** Raw variables, by name. Empty strings count as unset (a blank line in a .env file). */
const schema = z
  .object({
    APP_ENV: z.enum(appEnvironments).default("local"),
    DATA_DIR: z.string().default(".data"),
    DATABASE_KIND: z.enum(["embedded", "postgres", "dsql"]).optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /** Unset: 10, or 1 on AWS Lambda, where an instance serves one request at a time. */
    DATABASE_POOL_MAX: positiveInt.optional(),
    /** Set by AWS Lambda itself. */
    AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
    DSQL_ENDPOINT: z
      .string()
      .regex(
        /^[a-z0-9]+\.dsql(-[a-z0-9]+)?\.[a-z0-9-]+\.on\.aws$/,
        "expected <cluster-id>.dsql.<region>.on.aws",
      )
      .optional(),
    DSQL_USER: z.string().default("admin"),
    AWS_REGION: z.string().optional(),
    STORAGE_KIND: z.enum(["files", "s3"]).default("files"),
    S3_BUCKET: z.string().min(3).optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_FORCE_PATH_STYLE: flag.default(false),
    S3_KMS_KEY_ID: z.string().optional(),
    TIME_ZONE: z
      .string()
      .refine(isValidTimeZone, "expected an IANA time zone such as Europe/London")
      .default("Europe/London"),
    MIGRATE_ON_START: flag.optional(),
    DEMO_DATA: flag.optional(),
    DEMO_INPATIENTS: z.coerce.number().int().min(0).max(900).default(820),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    DATA_ENCRYPTION_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, "expected 32 random bytes, base64 (openssl rand -base64 32)")
      .optional(),
    DATA_ENCRYPTION_KEY_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .default("k1"),
    DATA_ENCRYPTION_KEYS_PREVIOUS: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/,
        "expected id:base64[,id:base64]",
      )
      .optional(),
    PUBLIC_ORIGIN: z.url().optional(),
    PURGE_INTERVAL_MINUTES: z.coerce.number().min(0).max(1440).optional(),
    // Above the ceiling Next.js's proxy would hand routes shortened bodies (request-body-ceiling.ts).
    MAX_MESSAGE_BYTES: bodyLimit.default(5 * 1024 * 1024),
    MAX_DOCUMENT_BYTES: bodyLimit.default(20 * 1024 * 1024),
    FRESHNESS_AMBER_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    // A source is "silent" after this many minutes without any message (per-source override in /admin/feed).
    FEED_SILENCE_MINUTES: z.coerce.number().int().min(1).max(10080).default(15),
    OFFLINE_CACHE_TTL_HOURS: z.coerce.number().min(0.25).max(168).default(24),
    OFFLINE_CACHE_TTL_BYOD_HOURS: z.coerce.number().min(0.25).max(168).optional(),
    SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform((value, ctx) => {
        try {
          return parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
  })
  .superRefine((raw, ctx) => {
    const kind = raw.DATABASE_KIND ?? inferDatabaseKind(raw);
    if (kind === "postgres" && !raw.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "required when DATABASE_KIND=postgres",
      });
    }
    if (kind === "dsql" && !raw.DSQL_ENDPOINT) {
      ctx.addIssue({ code: "custom", path: ["DSQL_ENDPOINT"], message: "required when DATABASE_KIND=dsql" });
    }
    if (raw.STORAGE_KIND === "s3" && !raw.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "required when STORAGE_KIND=s3" });
    }
    if (raw.STORAGE_KIND === "s3" && !raw.AWS_REGION && !raw.S3_ENDPOINT) {
      ctx.addIssue({ code: "custom", path: ["AWS_REGION"], message: "required when STORAGE_KIND=s3" });
    }
    // Deployed environments hold real secrets; only local and build may run without them.
    const deployed = raw.APP_ENV !== "local" && raw.APP_ENV !== "build";
    for (const name of ["AUTH_SECRET", "DATA_ENCRYPTION_KEY", "PUBLIC_ORIGIN"] as const) {
      if (deployed && !raw[name]) {
        ctx.addIssue({ code: "custom", path: [name], message: `required when APP_ENV=${raw.APP_ENV}` });
      }
    }
  });

type RawConfig = z.infer<typeof schema>;

function inferDatabaseKind(raw: Pick<RawConfig, "DSQL_ENDPOINT" | "DATABASE_URL">) {
  if (raw.DSQL_ENDPOINT) return "dsql" as const;
  if (raw.DATABASE_URL) return "postgres" as const;
  return "embedded" as const;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type DatabaseConfig =
  | { kind: "embedded"; dataDir: string }
  | { kind: "postgres"; url: string; poolMax: number }
  | { kind: "dsql"; endpoint: string; region: string; user: string; poolMax: number };

export type StorageConfig =
  | { kind: "files"; root: string }
  | {
      kind: "s3";
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      kmsKeyId?: string;
    };

export interface Config {
  appEnv: AppEnvironment;
  dataDir: string;
  database: DatabaseConfig;
  storage: StorageConfig;
  timeZone: string;
  migrateOnStart: boolean;
  demoData: boolean;
  /** Current inpatients in the generated demo census (the demo hospital has 960 beds). */
  demoInpatients: number;
  authSecret?: string;
  dataEncryptionKey?: string;
  /** Id written into every newly encrypted value (key rotation: see lib/auth/secrets). */
  dataEncryptionKeyId: string;
  /** Retired keys that still decrypt older values: "id:base64,…". */
  dataEncryptionKeysPrevious?: string;
  publicOrigin?: string;
  /** In-process purge runs every N minutes; 0 = off (deployed shapes use a scheduled function). */
  purgeIntervalMinutes: number;
  /** Largest HL7/FHIR/JSON ingest body accepted (413 above). */
  maxMessageBytes: number;
  /** Largest downtime document accepted (413 above). */
  maxDocumentBytes: number;
  /** Screens turn amber when their data is older than this, red at four times it. */
  freshnessAmberMinutes: number;
  /** Minutes without a message from a feed before it is silent: every screen says so for its facility, and the console and /api/health for the source (per-source override in /admin/feed). */
  feedSilenceMinutes: number;
  /** How long a device may show its offline copy without reaching the server, per sign-in method. */
  offlineCacheTtlSeconds: { launcher: number; byod: number };
  /** Phone sign-in attempts one network address may make per minute (many phones share a NAT). */
  signInAttemptsPerIpPerMinute: number;
  /** Proxies whose forwarded headers name the client (lib/security/trusted-proxies.ts). */
  trustedProxies: TrustedProxies;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Configuration error: ${variable} ${detail}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws `ConfigError` naming the first bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    const received = present[variable];
    const detail = received === undefined ? issue.message : `is invalid (${issue.message})`;
    throw new ConfigError(variable, detail);
  }
  const raw = result.data;
  return {
    appEnv: raw.APP_ENV,
    dataDir: raw.DATA_DIR,
    database: toDatabaseConfig(raw),
    storage:
      raw.STORAGE_KIND === "s3"
        ? {
            kind: "s3",
            bucket: raw.S3_BUCKET!,
            // S3-compatible stores behind S3_ENDPOINT ignore the region but the SDK needs one.
            region: raw.AWS_REGION ?? "us-east-1",
            endpoint: raw.S3_ENDPOINT,
            forcePathStyle: raw.S3_FORCE_PATH_STYLE,
            kmsKeyId: raw.S3_KMS_KEY_ID,
          }
        : { kind: "files", root: `${raw.DATA_DIR}/documents` },
    timeZone: raw.TIME_ZONE,
    migrateOnStart: raw.MIGRATE_ON_START ?? raw.APP_ENV === "local",
    demoData: raw.DEMO_DATA ?? raw.APP_ENV === "local",
    demoInpatients: raw.DEMO_INPATIENTS,
    authSecret: raw.AUTH_SECRET,
    dataEncryptionKey: raw.DATA_ENCRYPTION_KEY,
    dataEncryptionKeyId: raw.DATA_ENCRYPTION_KEY_ID,
    dataEncryptionKeysPrevious: raw.DATA_ENCRYPTION_KEYS_PREVIOUS,
    publicOrigin: raw.PUBLIC_ORIGIN,
    purgeIntervalMinutes: raw.PURGE_INTERVAL_MINUTES ?? (raw.APP_ENV === "local" ? 5 : 0),
    maxMessageBytes: raw.MAX_MESSAGE_BYTES,
    maxDocumentBytes: raw.MAX_DOCUMENT_BYTES,
    freshnessAmberMinutes: raw.FRESHNESS_AMBER_MINUTES,
    feedSilenceMinutes: raw.FEED_SILENCE_MINUTES,
    signInAttemptsPerIpPerMinute: raw.SIGN_IN_ATTEMPTS_PER_IP_PER_MINUTE,
    trustedProxies: raw.TRUSTED_PROXIES,
    offlineCacheTtlSeconds: {
      launcher: Math.round(raw.OFFLINE_CACHE_TTL_HOURS * 3600),
      // Phones are personal devices: never longer than ward PCs, 8 hours unless set.
      byod: Math.round(Math.min(raw.OFFLINE_CACHE_TTL_BYOD_HOURS ?? 8, raw.OFFLINE_CACHE_TTL_HOURS) * 3600),
    },
  };
}

/**
 * Connections per process. A Lambda instance handles one request at a time, so one connection,
 * opened on first use and kept across invocations, is all it needs; ten per instance across a
 * cold-starting fleet would spend Aurora DSQL's 100 new connections a second for nothing.
 */
function poolSize(raw: RawConfig): number {
  return raw.DATABASE_POOL_MAX ?? (raw.AWS_LAMBDA_FUNCTION_NAME ? 1 : 10);
}

function toDatabaseConfig(raw: RawConfig): DatabaseConfig {
  const kind = raw.DATABASE_KIND ?? inferDatabaseKind(raw);
  if (kind === "postgres") return { kind, url: raw.DATABASE_URL!, poolMax: poolSize(raw) };
  if (kind === "dsql") {
    const endpoint = raw.DSQL_ENDPOINT!;
    // The endpoint names its region: <cluster-id>.dsql.<region>.on.aws
    const region = raw.AWS_REGION ?? endpoint.split(".")[2]!;
    return { kind, endpoint, region, user: raw.DSQL_USER, poolMax: poolSize(raw) };
  }
  return { kind: "embedded", dataDir: `${raw.DATA_DIR}/pglite` };
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
