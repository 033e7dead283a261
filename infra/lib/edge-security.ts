/**
 * The WAF in front of CloudFront (scope CLOUDFRONT, so it lives in us-east-1): AWS managed rule
 * groups, a per-IP rate limit, tighter limits on the sign-in, launch and ingest paths, a geo rule
 * that lets staff routes be reached only from the configured countries, and optionally ingest only
 * from the trust's own address ranges. Rate limits count requests per IP per 5 minutes.
 */
import { ArnFormat, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as logs from "aws-cdk-lib/aws-logs";
import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "./config";
import { acknowledge } from "./nag";
import { retentionFor } from "./retention";

/** Paths machines call (integration engine, health probes): not staff routes, not geo-limited. */
export const ingestPathPrefix = "/api/ingest";
export const healthPath = "/api/health";

type Statement = wafv2.CfnWebACL.StatementProperty;

function pathStartsWith(prefix: string): Statement {
  return {
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint: "STARTS_WITH",
      searchString: prefix,
      textTransformations: [{ priority: 0, type: "LOWERCASE" }],
    },
  };
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function rateRule(
  name: string,
  priority: number,
  limit: number,
  prefix?: string,
): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit,
        aggregateKeyType: "IP",
        evaluationWindowSec: 300,
        scopeDownStatement: prefix ? pathStartsWith(prefix) : undefined,
      },
    },
    visibilityConfig: visibility(name),
  };
}

function managedGroup(
  name: string,
  priority: number,
  overrides: string[] = [],
): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: "AWS",
        name,
        ruleActionOverrides: overrides.length
          ? overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } }))
          : undefined,
      },
    },
    visibilityConfig: visibility(name),
  };
}

export class EdgeSecurity extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly metricName: string;

  constructor(scope: Construct, id: string, props: { config: EnvironmentConfig }) {
    super(scope, id);
    const { config } = props;
    if (Stack.of(this).region !== "us-east-1") {
      throw new Error("A WAF web ACL for CloudFront must be created in us-east-1");
    }
    const rules: wafv2.CfnWebACL.RuleProperty[] = [];

    if (config.ingestSourceRanges.length > 0) {
      const ranges = new wafv2.CfnIPSet(this, "IngestSources", {
        scope: "CLOUDFRONT",
        ipAddressVersion: "IPV4",
        addresses: config.ingestSourceRanges,
        description:
          "Integration engine addresses of the trust - the only senders allowed on the ingest paths",
      });
      rules.push({
        name: "IngestOnlyFromTrustRanges",
        priority: 0,
        action: { block: {} },
        statement: {
          andStatement: {
            statements: [
              pathStartsWith(ingestPathPrefix),
              { notStatement: { statement: { ipSetReferenceStatement: { arn: ranges.attrArn } } } },
            ],
          },
        },
        visibilityConfig: visibility("IngestOnlyFromTrustRanges"),
      });
    }

    rules.push({
      name: "StaffRoutesFromAllowedCountries",
      priority: 1,
      action: { block: {} },
      statement: {
        andStatement: {
          statements: [
            { notStatement: { statement: { geoMatchStatement: { countryCodes: config.allowedCountries } } } },
            { notStatement: { statement: pathStartsWith(ingestPathPrefix) } },
            { notStatement: { statement: pathStartsWith(healthPath) } },
          ],
        },
      },
      visibilityConfig: visibility("StaffRoutesFromAllowedCountries"),
    });

    rules.push(
      rateRule("RateLimitSignIn", 2, config.rateLimits.signIn, "/sign-in"),
      rateRule("RateLimitLaunch", 3, config.rateLimits.launch, "/launch"),
      rateRule("RateLimitIngest", 4, config.rateLimits.ingest, ingestPathPrefix),
      rateRule("RateLimitPerIp", 5, config.rateLimits.perIp),
      // HL7 batches and downtime documents are far larger than the common set's 8 KB body limit;
      // the app enforces its own limits (MAX_MESSAGE_BYTES, MAX_DOCUMENT_BYTES) with a clear 413.
      managedGroup("AWSManagedRulesCommonRuleSet", 10, ["SizeRestrictions_BODY"]),
      managedGroup("AWSManagedRulesKnownBadInputsRuleSet", 11),
      managedGroup("AWSManagedRulesSQLiRuleSet", 12),
    );

    this.metricName = `downtime-${config.name}-web-acl`;
    this.webAcl = new wafv2.CfnWebACL(this, "WebAcl", {
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      description: `Downtime ${config.name}: managed rules, rate limits, geo and ingest source limits`,
      visibilityConfig: visibility(this.metricName),
      rules,
    });

    // WAF requires the log group name to start with aws-waf-logs-.
    const logGroup = new logs.LogGroup(this, "WafLogs", {
      logGroupName: `aws-waf-logs-downtime-${config.name}`,
      retention: retentionFor(config.retention.logDays),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(logGroup, [
      {
        id: "HIPAA.Security-CloudWatchLogGroupEncrypted",
        reason:
          "WAF logs hold request metadata with cookies, authorization and API keys redacted (below), no patient data; CloudWatch Logs encrypts them with its service keys.",
      },
    ]);
    new wafv2.CfnLoggingConfiguration(this, "WafLogging", {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: "logs",
          resource: "log-group",
          resourceName: logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // Sessions and API keys never reach the logs.
      redactedFields: [
        { singleHeader: { Name: "authorization" } },
        { singleHeader: { Name: "cookie" } },
        { singleHeader: { Name: "x-api-key" } },
      ],
    });
  }
}
