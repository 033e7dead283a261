/**
 * The web tier: the OpenNext server function behind a Lambda function URL, the static assets in a
 * private bucket, and CloudFront in front of both (origins and behaviours from the build's
 * open-next.output.json). The function URL is public but answers only requests carrying the origin
 * secret CloudFront adds (ADR 0004; lib/runtime/lambda/origin-verified-wrapper.ts).
 */
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import type * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "./config";
import { acknowledge, wildcardResourceFinding } from "./nag";
import type { OpenNextBuild } from "./open-next-output";
import { retentionFor } from "./retention";

/** The header CloudFront adds to every origin request (lib/security/origin-verify.ts). */
export const originVerifyHeader = "x-downtime-origin-verify";
export const immutableCacheControl = "public,max-age=31536000,immutable";
export const revalidateCacheControl = "public,max-age=0,s-maxage=31536000,must-revalidate";
export const lambdaRuntime = lambda.Runtime.NODEJS_22_X;
export const lambdaArchitecture = lambda.Architecture.ARM_64;

/** CloudFront Functions (cloudfront-js-2.0) viewer-request handler. */
export const forwardHostSource = `function handler(event) {
  var request = event.request;
  request.headers["x-forwarded-host"] = { value: request.headers.host.value };
  return request;
}`;

export interface WebProps {
  config: EnvironmentConfig;
  build: OpenNextBuild;
  /** Settings the app reads (lib/env.ts), from the database and documents constructs. */
  environment: Record<string, string>;
  webAclArn: string;
  logBucket: s3.IBucket;
  role: iam.IRole;
}

export class Web extends Construct {
  readonly server: lambda.Function;
  readonly distribution: cloudfront.Distribution;
  readonly assets: s3.Bucket;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const { config, build } = props;

    const originSecret = new secretsmanager.Secret(this, "OriginVerifySecret", {
      description: "Header value CloudFront sends to the server function (rotate: docs/operations.md)",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    acknowledge(originSecret, [
      {
        id: "AwsSolutions-SMG4",
        reason:
          "Rotated by a redeploy with two accepted values (docs/operations.md, Rotate secrets): CloudFront and the function must change together, which a rotation Lambda cannot do.",
      },
      {
        id: "HIPAA.Security-SecretsManagerRotationEnabled",
        reason: "Rotated by a redeploy with two accepted values (docs/operations.md), not a rotation Lambda.",
      },
      {
        id: "HIPAA.Security-SecretsManagerUsingKMSKey",
        reason:
          "Not patient data: a shared header value that only proves a request passed CloudFront; the AWS-managed key is enough.",
      },
    ]);
    const originSecretValue = originSecret.secretValue.unsafeUnwrap();

    const logGroup = new logs.LogGroup(this, "ServerLogs", {
      retention: retentionFor(config.retention.logDays),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.server = new lambda.Function(this, "Server", {
      description: `Downtime ${config.name}: Next.js server (OpenNext)`,
      runtime: lambdaRuntime,
      architecture: lambdaArchitecture,
      handler: build.output.origins.default.handler,
      code: lambda.Code.fromAsset(build.serverBundle),
      memorySize: 1536,
      timeout: Duration.seconds(30),
      logGroup,
      role: props.role,
      environment: {
        ...props.environment,
        ORIGIN_VERIFY_SECRETS: originSecretValue,
        // CloudFront is the only proxy in front: its X-Forwarded-For names the client.
        TRUSTED_PROXIES: "cloudfront",
        NODE_OPTIONS: "--enable-source-maps",
      },
    });
    // Its own role (not the managed basic-execution policy): write to its own log group only.
    logGroup.grantWrite(props.role);
    const url = this.server.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      invokeMode: lambda.InvokeMode.BUFFERED,
    });

    this.assets = new s3.Bucket(this, "Assets", {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: "assets/",
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    acknowledge(this.assets, [
      {
        id: "HIPAA.Security-S3BucketReplicationEnabled",
        reason: "Static build output, redeployed from the release; nothing to replicate.",
      },
      {
        id: "HIPAA.Security-S3BucketVersioningEnabled",
        reason: "Static build output, redeployed from the release (docs/operations.md, Roll back).",
      },
      {
        id: "HIPAA.Security-S3DefaultEncryptionKMS",
        reason: "Public JavaScript and CSS of the app, no patient data; SSE-S3 keeps OAC simple.",
      },
    ]);

    const assetsOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.assets, {
      originPath: `/${build.output.origins.s3.originPath}`,
    });
    const serverOrigin = new origins.FunctionUrlOrigin(url, {
      customHeaders: { [originVerifyHeader]: originSecretValue },
      readTimeout: Duration.seconds(30),
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, "AssetHeaders", {
      comment: "Static assets: HSTS and nosniff (the server sets its own headers)",
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    // OpenNext serves sw.js from the bucket, so next.config.ts's headers for it never apply there.
    const serviceWorkerHeaders = new cloudfront.ResponseHeadersPolicy(this, "ServiceWorkerHeaders", {
      comment: "sw.js: revalidated on every update check, controls the whole origin",
      customHeadersBehavior: {
        customHeaders: [
          { header: "Cache-Control", value: "no-cache", override: true },
          { header: "Service-Worker-Allowed", value: "/", override: true },
        ],
      },
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
      },
    });
    const serviceWorkerCache = new cloudfront.CachePolicy(this, "ServiceWorkerCache", {
      comment: "sw.js: never served from the CloudFront cache without asking the bucket",
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
    });

    // The function URL needs its own Host, so the viewer's travels as X-Forwarded-Host: Next.js
    // checks a server action's Origin against it, and Auth.js builds its URLs from it.
    const forwardHost = new cloudfront.Function(this, "ForwardHost", {
      comment: "Copy the viewer Host header into X-Forwarded-Host for the server function",
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(forwardHostSource),
    });

    const assetBehavior: cloudfront.BehaviorOptions = {
      origin: assetsOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: securityHeaders,
      compress: true,
    };
    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {};
    for (const pattern of build.assetPatterns) {
      additionalBehaviors[pattern] =
        pattern === "sw.js"
          ? { ...assetBehavior, cachePolicy: serviceWorkerCache, responseHeadersPolicy: serviceWorkerHeaders }
          : assetBehavior;
    }

    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: `Downtime ${config.name}`,
      domainNames: [config.domainName],
      certificate: acm.Certificate.fromCertificateArn(this, "Certificate", config.certificateArn),
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: "cloudfront/",
      defaultBehavior: {
        origin: serverOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        // The function URL routes by its own Host; the app reads the viewer's from X-Forwarded-Host.
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: true,
        functionAssociations: [
          { function: forwardHost, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors,
    });
    acknowledge(this.distribution, [
      {
        id: "AwsSolutions-CFR1",
        reason:
          "Geo restriction is applied by the WAF to staff routes only (edge-security.ts); ingest and health must stay reachable from the trust's ranges.",
      },
    ]);

    // Hashed build files never change: cached for a year. Everything else (icons, manifest, sw.js)
    // is revalidated; sw.js also gets no-cache from its response headers policy above.
    const versioned = build.versionedSubDir;
    new s3deploy.BucketDeployment(this, "VersionedAssets", {
      sources: [
        s3deploy.Source.asset(build.assetsDir, { exclude: ["*", `!${versioned}`, `!${versioned}/**`] }),
      ],
      destinationBucket: this.assets,
      destinationKeyPrefix: build.output.origins.s3.originPath,
      cacheControl: [s3deploy.CacheControl.fromString(immutableCacheControl)],
      prune: false,
      memoryLimit: 512,
    });
    new s3deploy.BucketDeployment(this, "UnversionedAssets", {
      sources: [s3deploy.Source.asset(build.assetsDir, { exclude: [versioned, `${versioned}/**`] })],
      destinationBucket: this.assets,
      destinationKeyPrefix: build.output.origins.s3.originPath,
      cacheControl: [s3deploy.CacheControl.fromString(revalidateCacheControl)],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ["/sw.js", "/manifest.webmanifest"],
      memoryLimit: 512,
    });

    acknowledge(logGroup, [
      {
        id: "HIPAA.Security-CloudWatchLogGroupEncrypted",
        reason:
          "Log lines carry no patient data by design (lib/log.ts: codes, counts and ids only); CloudWatch Logs encrypts them at rest with its service keys.",
      },
    ]);
    this.acknowledgeBucketDeploymentHandler();
    acknowledge(this.server, [
      {
        id: "AwsSolutions-L1",
        reason:
          "Node.js 22 is the runtime the app is built for and tested on (package.json engines, OpenNext and esbuild targets); it moves with the app, not ahead of it.",
      },
      {
        id: "HIPAA.Security-LambdaInsideVPC",
        reason:
          "Aurora DSQL, S3 and Secrets Manager are reached over their public, IAM-authenticated TLS endpoints; there is no VPC resource to reach.",
      },
      {
        id: "HIPAA.Security-LambdaDLQ",
        reason:
          "Invoked synchronously by CloudFront through the function URL: a failure is an HTTP error to the caller, never a lost async event.",
      },
      {
        id: "HIPAA.Security-LambdaConcurrency",
        reason:
          "Concurrency is bounded by the account limit and the WAF rate rules; a reserved cap would refuse staff during a downtime surge.",
      },
      {
        id: "HIPAA.Security-LambdaFunctionPublicAccessProhibited",
        reason:
          "The function URL must be public for CloudFront to send POST bodies (ADR 0004); the origin secret header gates it.",
      },
    ]);
  }

  /** CDK's shared handler behind both BucketDeployments (a deploy-time copy from the CDK asset bucket). */
  private acknowledgeBucketDeploymentHandler(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((child) =>
      child.node.id.startsWith("Custom::CDKBucketDeployment"),
    );
    if (!handler) return;
    const reason =
      "CDK's BucketDeployment handler copies this release's assets from the CDK asset bucket into the assets bucket at deploy time; CDK generates and scopes its role.";
    acknowledge(handler, [
      ...["s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:Abort*"].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason,
      })),
      {
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "The handler invalidates sw.js and the manifest in CloudFront, whose CreateInvalidation takes no resource scope in CDK's policy.",
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*]`,
        reason,
      },
      { id: wildcardResourceFinding(this, this.assets.arnForObjects("*")), reason },
      {
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        reason: "CDK's deploy-time handler writes its own logs with the AWS-managed basic execution policy.",
      },
      { id: "AwsSolutions-L1", reason: "CDK picks and updates the runtime of its own deploy-time handler." },
      { id: "HIPAA.Security-LambdaConcurrency", reason: "Runs only during deploys, once per deployment." },
      {
        id: "HIPAA.Security-LambdaDLQ",
        reason: "Invoked synchronously by CloudFormation, which fails the deploy on error.",
      },
      {
        id: "HIPAA.Security-LambdaInsideVPC",
        reason: "Talks only to S3 and CloudFront public endpoints during deploys.",
      },
      {
        id: "HIPAA.Security-IAMNoInlinePolicy",
        reason: "CDK generates this deploy-time role's policy scoped to the two buckets.",
      },
    ]);
  }
}
