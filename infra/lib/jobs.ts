/**
 * The app's background work on Lambda, each a small entry point in lib/runtime/lambda bundled by
 * `npm run build:aws`: the purge (every 15 minutes, the same pass as `npm run purge`), the feed
 * check (every minute: feed silence and ingest answers), both on EventBridge Scheduler, and the
 * migration job, run by a CDK trigger during every deploy whose bundle changed, before the server
 * function is updated.
 */
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import type * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as targets from "aws-cdk-lib/aws-scheduler-targets";
import * as triggers from "aws-cdk-lib/triggers";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "./config";
import type { Database } from "./database";
import type { Documents } from "./documents";
import { acknowledge, wildcardResourceFinding } from "./nag";
import { retentionFor } from "./retention";
import { lambdaArchitecture, lambdaRuntime } from "./web";

export const purgeRate = Duration.minutes(15);
export const feedCheckRate = Duration.minutes(1);

export interface JobsProps {
  config: EnvironmentConfig;
  /** Folder with purge/, feed-check/ and migrate/ bundles (.open-next/jobs). */
  jobsDir: string;
  environment: Record<string, string>;
  database: Database;
  documents: Documents;
  /** The database role the app uses, and the server function's role it is mapped to. */
  appDatabaseUser: string;
  appRole: iam.IRole;
}

export class Jobs extends Construct {
  readonly purge: lambda.Function;
  readonly feedCheck: lambda.Function;
  readonly migrate: lambda.Function;
  readonly migrateTrigger: triggers.Trigger;
  readonly logGroups: logs.LogGroup[] = [];

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    const make = (
      name: string,
      description: string,
      timeout: Duration,
      environment: Record<string, string>,
    ) => {
      const logGroup = new logs.LogGroup(this, `${name}Logs`, {
        retention: retentionFor(props.config.retention.logDays),
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.logGroups.push(logGroup);
      const fn = new lambda.Function(this, name, {
        description: `Downtime ${props.config.name}: ${description}`,
        runtime: lambdaRuntime,
        architecture: lambdaArchitecture,
        handler: "index.handler",
        code: lambda.Code.fromAsset(`${props.jobsDir}/${kebab(name)}`),
        memorySize: 512,
        timeout,
        logGroup,
        // One run at a time: two purges or two migrations would only contend.
        reservedConcurrentExecutions: 1,
        environment: {
          ...props.environment,
          APP_ENV: props.config.name,
          NODE_OPTIONS: "--enable-source-maps",
          ...environment,
        },
      });
      acknowledge(logGroup, [
        {
          id: "HIPAA.Security-CloudWatchLogGroupEncrypted",
          reason:
            "Log lines carry no patient data by design (lib/log.ts: codes, counts and ids only); CloudWatch Logs encrypts them at rest with its service keys.",
        },
      ]);
      acknowledge(fn, [
        {
          id: "AwsSolutions-L1",
          reason:
            "Node.js 22 is the runtime the app is built for and tested on (package.json engines, OpenNext and esbuild targets); it moves with the app, not ahead of it.",
        },
        {
          id: "HIPAA.Security-IAMNoInlinePolicy",
          reason:
            "CDK writes each role's grants as its own policy scoped to this stack's resources; a shared managed policy would widen them.",
        },
        {
          id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
          reason:
            "The AWS-managed basic execution policy lets the function write its own logs and nothing else.",
        },
        {
          id: "HIPAA.Security-LambdaInsideVPC",
          reason:
            "Aurora DSQL and S3 are reached over their public, IAM-authenticated TLS endpoints; there is no VPC resource to reach.",
        },
        {
          id: "HIPAA.Security-LambdaDLQ",
          reason:
            "Scheduled and trigger invocations: a failure is retried by the scheduler or fails the deploy, and alarms on Lambda errors; there is no event payload to keep.",
        },
      ]);
      return fn;
    };

    this.purge = make("Purge", "retention purge (npm run purge)", Duration.minutes(10), {
      DSQL_USER: props.appDatabaseUser,
    });
    this.feedCheck = make("FeedCheck", "feed silence and ingest answers", Duration.seconds(50), {
      DSQL_USER: props.appDatabaseUser,
    });
    this.migrate = make("Migrate", "database migrations on deploy", Duration.minutes(10), {
      DSQL_USER: "admin",
      APP_DATABASE_ROLE: props.appDatabaseUser,
      APP_IAM_ROLE_ARN: props.appRole.roleArn,
    });

    // The purge and feed check connect as the app does; only the migration job is admin.
    for (const fn of [this.purge, this.feedCheck]) props.database.grantConnect(fn);
    props.database.grantConnectAdmin(this.migrate);
    props.documents.grantAppAccess(this.purge);

    new scheduler.Schedule(this, "PurgeSchedule", {
      description:
        "Retention purge: patients past the facility retention policy, expired sign-in bookkeeping",
      schedule: scheduler.ScheduleExpression.rate(purgeRate),
      target: new targets.LambdaInvoke(this.purge, { retryAttempts: 2, maxEventAge: Duration.minutes(14) }),
    });
    new scheduler.Schedule(this, "FeedCheckSchedule", {
      description: "Feed silence and ingest answers, every minute",
      schedule: scheduler.ScheduleExpression.rate(feedCheckRate),
      target: new targets.LambdaInvoke(this.feedCheck, { retryAttempts: 0 }),
    });

    // EventBridge Scheduler's role may invoke the function and its versions (<arn>:*).
    for (const child of Stack.of(this).node.children) {
      if (!child.node.id.startsWith("SchedulerRoleForTarget")) continue;
      acknowledge(child, [
        ...[this.purge, this.feedCheck].map((fn) => ({
          id: wildcardResourceFinding(this, `${fn.functionArn}:*`),
          reason:
            "EventBridge Scheduler invokes this one function, any version or alias of it (the role CDK creates for the target).",
        })),
        {
          id: "HIPAA.Security-IAMNoInlinePolicy",
          reason:
            "CDK writes each role's grants as its own policy scoped to this stack's resources; a shared managed policy would widen them.",
        },
      ]);
    }

    this.migrateTrigger = new triggers.Trigger(this, "MigrateOnDeploy", {
      handler: this.migrate,
      executeAfter: [props.database.cluster],
      executeOnHandlerChange: true,
      timeout: Duration.minutes(10),
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
    });
  }
}

function kebab(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}
