/**
 * The synthesised templates of every environment in infra/lib/config.ts, asserted for the
 * security- and resilience-relevant properties (issue 16), plus cdk-nag with no unacknowledged
 * finding. Each environment is synthesised once (beforeAll) from the OpenNext fixture.
 */
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { environments } from "../lib/config";
import { appDatabaseUser } from "../lib/database";
import { thresholds } from "../lib/monitoring";
import { wafBlockSpikeThreshold } from "../lib/stacks";
import { immutableCacheControl, originVerifyHeader } from "../lib/web";
import { resourcesOf, type SynthesisedEnvironment, synthesise } from "./synth.test-kit";

const synthTimeout = 240_000;

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
/** Synthesised CloudFormation, read as the JSON it is (the assertions below say what they need). */
// biome-ignore lint/suspicious/noExplicitAny: template JSON has no static shape
type Json = Record<string, any>;

function statementsOf(env: SynthesisedEnvironment, policyFilter?: (id: string) => boolean): Statement[] {
  return env.all.flatMap((template) =>
    Object.entries(resourcesOf(template, "AWS::IAM::Policy"))
      .filter(([id]) => policyFilter?.(id) ?? true)
      .flatMap(([, policy]) => (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement),
  );
}

function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

describe.each(environments)("environment $name", (config) => {
  let env: SynthesisedEnvironment;
  beforeAll(() => {
    env = synthesise(config);
  }, synthTimeout);

  it("passes cdk-nag AwsSolutions and HIPAA Security with every exception acknowledged", () => {
    expect(env.nagFindings).toEqual([]);
  });

  it("encrypts the documents bucket with the customer-managed key and tiers it", () => {
    env.primary.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: Match.anyValue() },
          },
        ],
      },
      VersioningConfiguration: { Status: "Enabled" },
      LoggingConfiguration: { LogFilePrefix: "documents/" },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: "purge-really-deletes",
            NoncurrentVersionExpiration: { NoncurrentDays: config.retention.noncurrentVersionDays },
          }),
          Match.objectLike({
            Id: "intelligent-tiering",
            Transitions: [{ StorageClass: "INTELLIGENT_TIERING", TransitionInDays: 0 }],
          }),
        ]),
      },
    });
    env.primary.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });

  it("blocks public access, encrypts and requires TLS on every bucket", () => {
    for (const template of env.all) {
      const buckets = resourcesOf(template, "AWS::S3::Bucket");
      const policies = Object.values(resourcesOf(template, "AWS::S3::BucketPolicy"));
      for (const [id, bucket] of Object.entries(buckets)) {
        expect(bucket.Properties!.PublicAccessBlockConfiguration, id).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        expect(bucket.Properties!.BucketEncryption, id).toBeDefined();
        const tlsOnly = policies.some((policy) => {
          const props = policy.Properties as {
            Bucket: { Ref?: string };
            PolicyDocument: { Statement: unknown[] };
          };
          return (
            props.Bucket.Ref === id &&
            JSON.stringify(props.PolicyDocument.Statement).includes('"aws:SecureTransport":"false"')
          );
        });
        expect(tlsOnly, `${id} denies plain HTTP`).toBe(true);
      }
    }
  });

  it("replicates documents to the standby Region only when multi-Region is on", () => {
    const replication = Object.values(resourcesOf(env.primary, "AWS::S3::Bucket")).filter(
      (bucket) => bucket.Properties!.ReplicationConfiguration,
    );
    expect(replication.length).toBe(config.multiRegion ? 1 : 0);
    expect(env.standbyStorage !== undefined).toBe(Boolean(config.multiRegion));
  });

  it("protects the DSQL cluster from deletion, encrypted with the data key", () => {
    env.primary.hasResourceProperties("AWS::DSQL::Cluster", {
      DeletionProtectionEnabled: true,
      KmsEncryptionKey: Match.anyValue(),
    });
    if (config.multiRegion) {
      env.primary.hasResourceProperties("AWS::DSQL::Cluster", {
        MultiRegionProperties: { WitnessRegion: config.multiRegion.witnessRegion },
      });
      env.standbyDatabase!.hasResourceProperties("AWS::DSQL::Cluster", {
        DeletionProtectionEnabled: true,
        MultiRegionProperties: {
          WitnessRegion: config.multiRegion.witnessRegion,
          Clusters: [Match.anyValue()],
        },
      });
    } else {
      env.primary.hasResourceProperties("AWS::DSQL::Cluster", { MultiRegionProperties: Match.absent() });
    }
  });

  it("gives the app dsql:DbConnect only, and the admin role to the migration job alone", () => {
    const server = statementsOf(env, (id) => id.startsWith("ServerRoleDefaultPolicy"));
    const serverActions = server.flatMap(actionsOf);
    expect(serverActions).toContain("dsql:DbConnect");
    expect(serverActions).not.toContain("dsql:DbConnectAdmin");
    const adminHolders = env.all.flatMap((template) =>
      Object.entries(resourcesOf(template, "AWS::IAM::Policy"))
        .filter(([, policy]) => JSON.stringify(policy.Properties).includes("dsql:DbConnectAdmin"))
        .map(([id]) => id),
    );
    expect(adminHolders.length).toBe(1);
    expect(adminHolders[0]).toMatch(/^JobsMigrateServiceRoleDefaultPolicy/);
    const app = env.primary.findResources("AWS::Lambda::Function", {
      Properties: { Description: Match.stringLikeRegexp("Next.js server") },
    });
    const vars = (
      Object.values(app)[0]!.Properties as { Environment: { Variables: Record<string, unknown> } }
    ).Environment.Variables;
    expect(vars.DSQL_USER).toBe(appDatabaseUser);
    expect(vars.DSQL_ENDPOINT).toEqual({
      "Fn::GetAtt": [expect.stringMatching(/^DatabaseCluster/), "Endpoint"],
    });
  });

  it("grants no wildcard action on any resource", () => {
    for (const statement of statementsOf(env)) {
      for (const action of actionsOf(statement)) {
        expect(action === "*" || action.endsWith(":*"), `${action}`).toBe(false);
      }
    }
  });

  it("runs every app function on Node.js 22, arm64", () => {
    const functions = env.all.flatMap((template) =>
      Object.values(
        template.findResources("AWS::Lambda::Function", {
          Properties: { Description: Match.stringLikeRegexp(`^Downtime ${config.name}:`) },
        }),
      ),
    );
    expect(functions.length).toBe(4);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe("nodejs22.x");
      expect(fn.Properties.Architectures).toEqual(["arm64"]);
    }
  });

  it("serves HTTPS only, sw.js revalidated with Service-Worker-Allowed, hashed assets immutable", () => {
    const distribution = Object.values(resourcesOf(env.primary, "AWS::CloudFront::Distribution"))[0]!;
    const dist = distribution.Properties!.DistributionConfig as {
      DefaultCacheBehavior: { ViewerProtocolPolicy: string };
      CacheBehaviors: {
        PathPattern: string;
        ViewerProtocolPolicy: string;
        ResponseHeadersPolicyId: { Ref: string };
        CachePolicyId: { Ref: string };
      }[];
      ViewerCertificate: { MinimumProtocolVersion: string; AcmCertificateArn: string };
      Aliases: string[];
      WebACLId: unknown;
    };
    expect(dist.Aliases).toEqual([config.domainName]);
    expect(dist.ViewerCertificate.AcmCertificateArn).toBe(config.certificateArn);
    expect(dist.ViewerCertificate.MinimumProtocolVersion).toBe("TLSv1.2_2021");
    expect(dist.WebACLId).toBeDefined();
    for (const behavior of [dist.DefaultCacheBehavior, ...dist.CacheBehaviors]) {
      expect(behavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    }
    const sw = dist.CacheBehaviors.find((behavior) => behavior.PathPattern === "sw.js")!;
    const headers = resourcesOf(env.primary, "AWS::CloudFront::ResponseHeadersPolicy")[
      sw.ResponseHeadersPolicyId.Ref
    ]!;
    expect(JSON.stringify(headers.Properties)).toContain(
      '{"Header":"Cache-Control","Override":true,"Value":"no-cache"}',
    );
    expect(JSON.stringify(headers.Properties)).toContain(
      '{"Header":"Service-Worker-Allowed","Override":true,"Value":"/"}',
    );
    const cache = resourcesOf(env.primary, "AWS::CloudFront::CachePolicy")[sw.CachePolicyId.Ref]!;
    expect(
      (cache.Properties as { CachePolicyConfig: { DefaultTTL: number } }).CachePolicyConfig.DefaultTTL,
    ).toBe(0);
    env.primary.hasResourceProperties("Custom::CDKBucketDeployment", {
      SystemMetadata: { "cache-control": immutableCacheControl },
    });
  });

  it("answers POSTs through a public function URL gated by CloudFront's origin secret", () => {
    env.primary.hasResourceProperties("AWS::Lambda::Url", { AuthType: "NONE", InvokeMode: "BUFFERED" });
    const distribution = JSON.stringify(resourcesOf(env.primary, "AWS::CloudFront::Distribution"));
    expect(distribution).toContain(`"HeaderName":"${originVerifyHeader}"`);
    const server = env.primary.findResources("AWS::Lambda::Function", {
      Properties: { Description: Match.stringLikeRegexp("Next.js server") },
    });
    const vars = (
      Object.values(server)[0]!.Properties as { Environment: { Variables: Record<string, unknown> } }
    ).Environment.Variables;
    // The same Secrets Manager value as the header CloudFront sends.
    expect(distribution).toContain(JSON.stringify(vars.ORIGIN_VERIFY_SECRETS).slice(1, -1));
    expect(vars.TRUSTED_PROXIES).toBe("cloudfront");
    expect(distribution).toContain('"AllowedMethods":["GET","HEAD","OPTIONS","PUT","PATCH","POST","DELETE"]');
  });

  it("puts a WAF on CloudFront with managed rules, rate limits and the geo list", () => {
    env.edge.hasResourceProperties("AWS::WAFv2::WebACL", {
      Scope: "CLOUDFRONT",
      DefaultAction: { Allow: {} },
    });
    const acl = Object.values(resourcesOf(env.edge, "AWS::WAFv2::WebACL"))[0]!;
    const rules = (acl.Properties as { Rules: { Name: string; Statement: Json }[] }).Rules;
    const byName = new Map(rules.map((rule) => [rule.Name, rule]));
    for (const group of [
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesSQLiRuleSet",
    ]) {
      expect(byName.get(group)?.Statement.ManagedRuleGroupStatement.Name).toBe(group);
    }
    const rate = (name: string) => byName.get(name)!.Statement.RateBasedStatement;
    expect(rate("RateLimitPerIp").Limit).toBe(config.rateLimits.perIp);
    expect(rate("RateLimitPerIp").AggregateKeyType).toBe("IP");
    expect(rate("RateLimitSignIn").Limit).toBe(config.rateLimits.signIn);
    expect(rate("RateLimitSignIn").ScopeDownStatement.ByteMatchStatement.SearchString).toBe("/sign-in");
    expect(rate("RateLimitLaunch").Limit).toBe(config.rateLimits.launch);
    expect(rate("RateLimitLaunch").ScopeDownStatement.ByteMatchStatement.SearchString).toBe("/launch");
    expect(rate("RateLimitIngest").Limit).toBe(config.rateLimits.ingest);
    expect(rate("RateLimitIngest").ScopeDownStatement.ByteMatchStatement.SearchString).toBe("/api/ingest");
    const geo = JSON.stringify(byName.get("StaffRoutesFromAllowedCountries")!.Statement);
    expect(geo).toContain(`"CountryCodes":${JSON.stringify(config.allowedCountries)}`);
    expect(byName.has("IngestOnlyFromTrustRanges")).toBe(config.ingestSourceRanges.length > 0);
    if (config.ingestSourceRanges.length > 0) {
      env.edge.hasResourceProperties("AWS::WAFv2::IPSet", { Addresses: config.ingestSourceRanges });
    }
    env.edge.hasResourceProperties("AWS::WAFv2::LoggingConfiguration", {
      RedactedFields: Match.arrayWith([{ SingleHeader: { Name: "cookie" } }]),
    });
  });

  it("backs up the cluster and the bucket daily and monthly, copied to the standby when multi-Region", () => {
    const plan = Object.values(resourcesOf(env.primary, "AWS::Backup::BackupPlan"))[0]!;
    const rules = (plan.Properties as { BackupPlan: { BackupPlanRule: Json[] } }).BackupPlan.BackupPlanRule;
    const daily = rules.find((rule) => rule.RuleName === "Daily")!;
    const monthly = rules.find((rule) => rule.RuleName === "Monthly")!;
    expect(daily.Lifecycle.DeleteAfterDays).toBe(config.retention.dailyBackupDays);
    expect(monthly.Lifecycle.DeleteAfterDays).toBe(
      Math.round((config.retention.monthlyBackupMonths * 365) / 12),
    );
    expect(Boolean(daily.CopyActions)).toBe(Boolean(config.multiRegion));
    expect(Boolean(monthly.CopyActions)).toBe(Boolean(config.multiRegion));
    const selection = JSON.stringify(resourcesOf(env.primary, "AWS::Backup::BackupSelection"));
    expect(selection).toMatch(/"DatabaseCluster[A-F0-9]+","ResourceArn"/);
    expect(selection).toMatch(/"DocumentsBucket[A-F0-9]+","Arn"/);
    env.primary.hasResourceProperties("AWS::Backup::BackupVault", { EncryptionKeyArn: Match.anyValue() });
  });

  it("alarms to the environment's e-mail on 5xx rate, ingest rejections, feed silence, failed jobs and backups", () => {
    env.primary.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: config.alarmEmail,
    });
    env.edge.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: config.alarmEmail,
    });
    const alarm = (name: string) => {
      const found = Object.values(
        env.primary.findResources("AWS::CloudWatch::Alarm", {
          Properties: { AlarmName: `downtime-${config.name}-${name}` },
        }),
      );
      expect(found.length, name).toBe(1);
      const props = found[0]!.Properties as Json;
      expect(props.AlarmActions.length, `${name} notifies`).toBe(1);
      return props;
    };
    const rate = alarm("server-5xx-rate");
    expect(rate.Threshold).toBe(thresholds.serverErrorRate);
    expect(JSON.stringify(rate.Metrics)).toContain('"MetricName":"Url5xxCount"');
    const ingest = alarm("ingest-rejections");
    expect(ingest.Threshold).toBe(thresholds.ingestRejectionRate);
    expect(JSON.stringify(ingest.Metrics)).toContain('"MetricName":"IngestAR"');
    const silent = alarm("feed-silent");
    expect(silent.Threshold).toBe(thresholds.feedSilent);
    expect(silent.MetricName).toBe("FeedSilent");
    expect(silent.Namespace).toBe(`Downtime/${config.name}`);
    expect(alarm("feed-check-failing").MetricName).toBe("Errors");
    expect(alarm("purge-failed").Threshold).toBe(thresholds.purgeErrors);
    env.primary.hasResourceProperties("AWS::Logs::MetricFilter", {
      FilterPattern: '{ $.event = "feed.silent" }',
      MetricTransformations: [
        { MetricName: "FeedSilent", MetricNamespace: `Downtime/${config.name}`, MetricValue: "1" },
      ],
    });
    env.primary.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: { source: ["aws.backup"], detail: { state: ["FAILED", "ABORTED"] } },
      Targets: [Match.objectLike({ Arn: Match.anyValue() })],
    });
    env.edge.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "BlockedRequests",
      Namespace: "AWS/WAFV2",
      Threshold: wafBlockSpikeThreshold,
    });
  });

  it("schedules the purge and the feed check, and migrates on deploy", () => {
    env.primary.hasResourceProperties("AWS::Scheduler::Schedule", { ScheduleExpression: "rate(15 minutes)" });
    env.primary.hasResourceProperties("AWS::Scheduler::Schedule", { ScheduleExpression: "rate(1 minute)" });
    env.primary.resourceCountIs("Custom::Trigger", 1);
  });

  it("outputs what the runbook needs: distribution, cluster, bucket, vault and backup role", () => {
    for (const name of [
      "DistributionDomainName",
      "ClusterArn",
      "ClusterEndpoint",
      "DocumentsBucketName",
      "BackupVaultName",
      "BackupRoleArn",
    ]) {
      env.primary.hasOutput(name, {});
    }
    if (config.multiRegion) env.standbyDatabase!.hasOutput("ClusterArn", {});
  });
});
