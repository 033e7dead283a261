/**
 * The stacks of one environment (docs/operations.md, "Deploy an environment from nothing"):
 *   Edge (us-east-1)          the WAF web ACL CloudFront needs there, and its alarm
 *   StandbyStorage (second)   multi-Region only: replica bucket, its key, the backup copy vault
 *   Primary (home Region)     data key, DSQL, documents, web, jobs, backup, monitoring
 *   StandbyDatabase (second)  multi-Region only: the peered DSQL cluster
 * Deploy order follows the references: Edge and StandbyStorage, then Primary, then
 * StandbyDatabase. Cross-Region values travel through CDK's cross-Region references (SSM).
 */
import { CfnOutput, Duration, Stack, type StackProps, Tags } from "aws-cdk-lib";
import * as backupLib from "aws-cdk-lib/aws-backup";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { AlarmTopic } from "./alarm-topic";
import { Backup } from "./backup";
import type { EnvironmentConfig } from "./config";
import { appDatabaseUser, Database } from "./database";
import { Documents } from "./documents";
import { EdgeSecurity } from "./edge-security";
import { Jobs } from "./jobs";
import { LogBucket } from "./log-bucket";
import { Monitoring } from "./monitoring";
import { acknowledge } from "./nag";
import type { OpenNextBuild } from "./open-next-output";
import { Web } from "./web";

/** WAF blocks per 5 minutes that page someone: an attack, or a rule refusing real staff. */
export const wafBlockSpikeThreshold = 500;

export function stackName(config: EnvironmentConfig, part: string): string {
  const env = config.name[0]!.toUpperCase() + config.name.slice(1);
  return `Downtime-${env}-${part}`;
}

/** The standby Region's documents bucket: globally unique by account and Region. */
export function replicaBucketName(config: EnvironmentConfig): string {
  return `downtime-${config.name}-documents-replica-${config.account}-${config.multiRegion!.secondaryRegion}`;
}

function dataKey(scope: Construct, config: EnvironmentConfig, purpose: string): kms.Key {
  return new kms.Key(scope, "DataKey", {
    description: `Downtime ${config.name}: ${purpose}`,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
  });
}

export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, config: EnvironmentConfig, props: StackProps = {}) {
    super(scope, stackName(config, "Edge"), {
      ...props,
      env: { account: config.account, region: "us-east-1" },
      crossRegionReferences: true,
      description: `Downtime ${config.name}: WAF for CloudFront (us-east-1)`,
    });
    const security = new EdgeSecurity(this, "EdgeSecurity", { config });
    this.webAclArn = security.webAcl.attrArn;
    const topic = new AlarmTopic(this, "Alarms", { email: config.alarmEmail, name: `${config.name} edge` });
    const blocked = new cloudwatch.Metric({
      namespace: "AWS/WAFV2",
      metricName: "BlockedRequests",
      dimensionsMap: { WebACL: security.metricName, Rule: "ALL" },
      statistic: "Sum",
      period: Duration.minutes(5),
    });
    const alarm = blocked.createAlarm(this, "WafBlockSpike", {
      alarmName: `downtime-${config.name}-waf-block-spike`,
      alarmDescription:
        "WAF blocked an unusual number of requests (docs/operations.md, Alarms: waf-block-spike)",
      threshold: wafBlockSpikeThreshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(topic.topic));
  }
}

export class StandbyStorageStack extends Stack {
  readonly documents: Documents;
  readonly vault: backupLib.BackupVault;

  constructor(scope: Construct, config: EnvironmentConfig, region: string, props: StackProps = {}) {
    super(scope, stackName(config, "StandbyStorage"), {
      ...props,
      env: { account: config.account, region },
      crossRegionReferences: true,
      description: `Downtime ${config.name}: standby Region storage (replica bucket, backup copies)`,
    });
    const key = dataKey(this, config, "standby documents and backup copies");
    const logs = new LogBucket(this, "Logs", { logDays: config.retention.logDays });
    this.documents = new Documents(this, "Documents", {
      key,
      logBucket: logs.bucket,
      noncurrentVersionDays: config.retention.noncurrentVersionDays,
      isReplica: true,
      bucketName: replicaBucketName(config),
    });
    this.vault = new backupLib.BackupVault(this, "CopyVault", { encryptionKey: key });
  }
}

export interface PrimaryStackProps extends StackProps {
  build: OpenNextBuild;
  jobsDir: string;
  webAclArn: string;
  standby?: StandbyStorageStack;
}

export class PrimaryStack extends Stack {
  readonly database: Database;
  readonly documents: Documents;
  readonly web: Web;
  readonly jobs: Jobs;
  readonly backup: Backup;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, config: EnvironmentConfig, props: PrimaryStackProps) {
    super(scope, stackName(config, "Primary"), {
      ...props,
      env: { account: config.account, region: config.region },
      crossRegionReferences: true,
      description: `Downtime ${config.name}: app, database, documents, jobs, backup, monitoring`,
    });
    const key = dataKey(this, config, "database, documents and backups");
    const logs = new LogBucket(this, "Logs", { logDays: config.retention.logDays });

    this.database = new Database(this, "Database", {
      key,
      multiRegion: config.multiRegion
        ? {
            witnessRegion: config.multiRegion.witnessRegion,
            peerClusterArns: config.multiRegion.peerClusterArn ? [config.multiRegion.peerClusterArn] : [],
          }
        : undefined,
    });
    this.documents = new Documents(this, "Documents", {
      key,
      logBucket: logs.bucket,
      noncurrentVersionDays: config.retention.noncurrentVersionDays,
      // Imported, so the replica's own stack is never changed by this one (same account: the
      // replication role's policy is enough; the replica bucket needs no policy for it).
      replicateTo: props.standby
        ? {
            bucket: s3.Bucket.fromBucketName(this, "ReplicaBucket", replicaBucketName(config)),
            key: kms.Key.fromKeyArn(this, "ReplicaKey", props.standby.documents.key.keyArn),
          }
        : undefined,
    });

    // Created by the operator before the first deploy (docs/operations.md); never in the repository.
    const appSecret = secretsmanager.Secret.fromSecretNameV2(
      this,
      "AppSecret",
      `downtime/${config.name}/app`,
    );
    const shared: Record<string, string> = {
      APP_ENV: config.name,
      PUBLIC_ORIGIN: `https://${config.domainName}`,
      DATABASE_KIND: "dsql",
      DSQL_ENDPOINT: this.database.endpoint,
      STORAGE_KIND: "s3",
      S3_BUCKET: this.documents.bucket.bucketName,
      S3_KMS_KEY_ID: key.keyArn,
      MIGRATE_ON_START: "0",
      DEMO_DATA: "0",
      PURGE_INTERVAL_MINUTES: "0",
      AUTH_SECRET: appSecret.secretValueFromJson("AUTH_SECRET").unsafeUnwrap(),
      DATA_ENCRYPTION_KEY: appSecret.secretValueFromJson("DATA_ENCRYPTION_KEY").unsafeUnwrap(),
      // Key rotation (lib/auth/secrets/keyring-from-config.ts); "" when there is no retired key.
      DATA_ENCRYPTION_KEY_ID: appSecret.secretValueFromJson("DATA_ENCRYPTION_KEY_ID").unsafeUnwrap(),
      DATA_ENCRYPTION_KEYS_PREVIOUS: appSecret
        .secretValueFromJson("DATA_ENCRYPTION_KEYS_PREVIOUS")
        .unsafeUnwrap(),
    };

    // Outside the web construct: the migration job maps the app's database role to this role, and
    // runs before the server function changes, so the role must not wait for the function.
    const serverRole = new iam.Role(this, "ServerRole", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Downtime ${config.name}: the Next.js server function`,
    });
    acknowledge(serverRole, [
      {
        id: "HIPAA.Security-IAMNoInlinePolicy",
        reason:
          "CDK writes each role's grants as its own policy scoped to this stack's resources; a shared managed policy would widen them.",
      },
    ]);
    this.web = new Web(this, "Web", {
      config,
      role: serverRole,
      build: props.build,
      environment: { ...shared, DSQL_USER: appDatabaseUser },
      webAclArn: props.webAclArn,
      logBucket: logs.bucket,
    });
    this.database.grantConnect(this.web.server);
    this.documents.grantAppAccess(this.web.server);

    this.jobs = new Jobs(this, "Jobs", {
      config,
      jobsDir: props.jobsDir,
      environment: shared,
      database: this.database,
      documents: this.documents,
      appDatabaseUser,
      appRole: serverRole,
    });
    // The server function changes only after the migrations of its release have run.
    this.jobs.migrateTrigger.executeBefore(this.web.server);

    this.backup = new Backup(this, "Backup", {
      key,
      resourceArns: [this.database.clusterArn, this.documents.bucket.bucketArn],
      dailyBackupDays: config.retention.dailyBackupDays,
      monthlyBackupMonths: config.retention.monthlyBackupMonths,
      copyTo: props.standby?.vault,
    });

    const topic = new AlarmTopic(this, "Alarms", { email: config.alarmEmail, name: config.name });
    this.monitoring = new Monitoring(this, "Monitoring", {
      config,
      topic: topic.topic,
      server: this.web.server,
      serverLogs: this.web.server.logGroup,
      purge: this.jobs.purge,
      feedCheck: this.jobs.feedCheck,
      jobLogs: { purge: this.jobs.logGroups[0]!, feedCheck: this.jobs.logGroups[1]! },
      clusterId: this.database.cluster.attrIdentifier,
      backupFailures: this.backup.failedJobs,
    });

    // What the runbook asks for (docs/operations.md: DNS, first admin user, backup:verify).
    const outputs: Record<string, string> = {
      DistributionDomainName: this.web.distribution.distributionDomainName,
      ClusterArn: this.database.clusterArn,
      ClusterEndpoint: this.database.endpoint,
      DocumentsBucketName: this.documents.bucket.bucketName,
      BackupVaultName: this.backup.vault.backupVaultName,
      BackupRoleArn: this.backup.selectionRoleArn,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}

export class StandbyDatabaseStack extends Stack {
  readonly database: Database;

  constructor(
    scope: Construct,
    config: EnvironmentConfig,
    primaryClusterArn: string,
    props: StackProps = {},
  ) {
    const multi = config.multiRegion!;
    super(scope, stackName(config, "StandbyDatabase"), {
      ...props,
      env: { account: config.account, region: multi.secondaryRegion },
      crossRegionReferences: true,
      description: `Downtime ${config.name}: peered Aurora DSQL cluster in the standby Region`,
    });
    const key = dataKey(this, config, "standby database");
    this.database = new Database(this, "Database", {
      key,
      multiRegion: { witnessRegion: multi.witnessRegion, peerClusterArns: [primaryClusterArn] },
    });
    // Goes into config multiRegion.peerClusterArn for the second pass (docs/operations.md 3.6).
    new CfnOutput(this, "ClusterArn", { value: this.database.clusterArn });
  }
}

export interface EnvironmentStacks {
  edge: EdgeStack;
  primary: PrimaryStack;
  standbyStorage?: StandbyStorageStack;
  standbyDatabase?: StandbyDatabaseStack;
}

/** All stacks of one environment, tagged with it. */
export function environmentStacks(
  scope: Construct,
  config: EnvironmentConfig,
  build: OpenNextBuild,
  jobsDir: string,
): EnvironmentStacks {
  const edge = new EdgeStack(scope, config);
  const standbyStorage = config.multiRegion
    ? new StandbyStorageStack(scope, config, config.multiRegion.secondaryRegion)
    : undefined;
  const primary = new PrimaryStack(scope, config, {
    build,
    jobsDir,
    webAclArn: edge.webAclArn,
    standby: standbyStorage,
  });
  const standbyDatabase = config.multiRegion
    ? new StandbyDatabaseStack(scope, config, primary.database.clusterArn)
    : undefined;
  for (const stack of [edge, primary, standbyStorage, standbyDatabase]) {
    if (!stack) continue;
    Tags.of(stack).add("application", "downtime");
    Tags.of(stack).add("environment", config.name);
  }
  return { edge, primary, standbyStorage, standbyDatabase };
}
