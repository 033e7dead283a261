/**
 * The deployed environments, one entry each (docs/operations.md, "Configure an environment").
 * Everything that differs between Prod, Cert, Mock, Build and Training is here; the constructs take
 * an `EnvironmentConfig` and nothing else. Account numbers, domains and addresses are the trust's
 * to fill in before the first deploy.
 */
import { z } from "zod";

const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "expected an AWS Region such as eu-west-2");
const cidr = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "expected an IPv4 CIDR such as 192.0.2.0/24");

export const environmentConfigSchema = z
  .object({
    /** Stack name prefix and APP_ENV of the app. */
    name: z.enum(["prod", "cert", "mock", "build", "training"]),
    account: z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"),
    region,
    /** Public host name staff use, e.g. downtime.example-trust.nhs.uk. */
    domainName: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/),
    /** ACM certificate for domainName, in us-east-1 (CloudFront only reads certificates there). */
    certificateArn: z.string().regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/),
    /** ISO 3166-1 alpha-2 countries staff routes may be reached from (WAF geo match). */
    allowedCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
    /** Source ranges of the trust's integration engine; empty = ingest open to any address (API keys still required). */
    ingestSourceRanges: z.array(cidr),
    alarmEmail: z.email(),
    retention: z.object({
      dailyBackupDays: z.number().int().min(7),
      monthlyBackupMonths: z.number().int().min(1),
      /** Days an overwritten or deleted document version survives (purges must really delete). */
      noncurrentVersionDays: z.number().int().min(1).max(30),
      logDays: z.number().int().min(1),
    }),
    /** Requests per 5 minutes per IP (WAF rate-based rules). */
    rateLimits: z.object({
      perIp: z.number().int().min(100),
      signIn: z.number().int().min(10),
      launch: z.number().int().min(10),
      ingest: z.number().int().min(100),
    }),
    /** Second Region standby: a peered DSQL cluster, replicated bucket and backup copies. */
    multiRegion: z
      .object({
        secondaryRegion: region,
        witnessRegion: region,
        /** The standby cluster's ARN, once it exists (second deploy pass; docs/operations.md). */
        peerClusterArn: z.string().optional(),
      })
      .optional(),
  })
  .superRefine((env, ctx) => {
    const multi = env.multiRegion;
    if (multi && new Set([env.region, multi.secondaryRegion, multi.witnessRegion]).size !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["multiRegion"],
        message: "primary, secondary and witness Regions must differ",
      });
    }
  });

export type EnvironmentConfig = z.infer<typeof environmentConfigSchema>;

const ukOnly = ["GB"];
const standardRetention = {
  dailyBackupDays: 35,
  monthlyBackupMonths: 12,
  noncurrentVersionDays: 7,
  logDays: 365,
};
const shortRetention = { dailyBackupDays: 7, monthlyBackupMonths: 1, noncurrentVersionDays: 1, logDays: 30 };
const rateLimits = { perIp: 2000, signIn: 100, launch: 300, ingest: 6000 };

/** The trust's environments. Prod and Cert are built alike; the others are smaller and single-Region. */
export const environments: EnvironmentConfig[] = [
  {
    name: "prod",
    account: "111111111111",
    region: "eu-west-2",
    domainName: "downtime.example-trust.nhs.uk",
    certificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-000000000001",
    allowedCountries: ukOnly,
    ingestSourceRanges: ["192.0.2.0/24"],
    alarmEmail: "downtime-alarms@example-trust.nhs.uk",
    retention: standardRetention,
    rateLimits,
    multiRegion: { secondaryRegion: "eu-west-1", witnessRegion: "eu-central-1" },
  },
  {
    name: "cert",
    account: "222222222222",
    region: "eu-west-2",
    domainName: "downtime-cert.example-trust.nhs.uk",
    certificateArn: "arn:aws:acm:us-east-1:222222222222:certificate/00000000-0000-4000-8000-000000000002",
    allowedCountries: ukOnly,
    ingestSourceRanges: ["192.0.2.0/24"],
    alarmEmail: "downtime-alarms@example-trust.nhs.uk",
    retention: standardRetention,
    rateLimits,
    multiRegion: { secondaryRegion: "eu-west-1", witnessRegion: "eu-central-1" },
  },
  ...(["mock", "build", "training"] as const).map((name, index) => ({
    name,
    account: "333333333333",
    region: "eu-west-2",
    domainName: `downtime-${name}.example-trust.nhs.uk`,
    certificateArn: `arn:aws:acm:us-east-1:333333333333:certificate/00000000-0000-4000-8000-00000000001${index}`,
    allowedCountries: ukOnly,
    ingestSourceRanges: [],
    alarmEmail: "downtime-nonprod@example-trust.nhs.uk",
    retention: shortRetention,
    rateLimits,
  })),
];

/** Validates every environment at synth time, so a typo fails `cdk synth`, not a deploy. */
export function loadEnvironments(list: unknown[] = environments): EnvironmentConfig[] {
  return list.map((entry) => environmentConfigSchema.parse(entry));
}
