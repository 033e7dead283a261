/**
 * Dashboard and alarms for one environment Region. The app's structured log lines (lib/log.ts)
 * become metrics through metric filters: `feed.silent` (feed-silence-monitor), `ingest.answers` and
 * `purge.scheduled` (the scheduled functions). Every alarm notifies the environment's topic; what
 * each means and what to do is in docs/operations.md, "Alarms".
 */
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as events from "aws-cdk-lib/aws-events";
import * as eventTargets from "aws-cdk-lib/aws-events-targets";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as sns from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import type { EnvironmentConfig } from "./config";

/** One namespace per environment: Mock, Build and Training may share an account. */
export function appNamespace(env: string): string {
  return `Downtime/${env}`;
}

/** Thresholds, named so the runbook and the tests read the same numbers. */
export const thresholds = {
  /** Share of requests answered 5xx over 5 minutes, two periods running. */
  serverErrorRate: 0.05,
  /** Share of ingest answers that are AE or AR over 5 minutes, two periods running. */
  ingestRejectionRate: 0.1,
  /** Any feed newly silent. */
  feedSilent: 1,
  /** The feed check itself failing (then silence would go unseen). */
  feedCheckErrors: 3,
  /** A purge run that failed. */
  purgeErrors: 1,
} as const;

export interface MonitoringProps {
  config: EnvironmentConfig;
  topic: sns.ITopic;
  server: lambda.Function;
  serverLogs: logs.ILogGroup;
  purge: lambda.Function;
  feedCheck: lambda.Function;
  jobLogs: { purge: logs.ILogGroup; feedCheck: logs.ILogGroup };
  clusterId: string;
  backupFailures: events.EventPattern;
}

export class Monitoring extends Construct {
  readonly alarms: Record<string, cloudwatch.Alarm> = {};

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const env = props.config.name;
    const period = Duration.minutes(5);
    const namespace = appNamespace(env);

    // Log lines → metrics.
    const filter = (name: string, group: logs.ILogGroup, event: string, metricName: string, value = "1") =>
      new logs.MetricFilter(this, name, {
        logGroup: group,
        metricNamespace: namespace,
        metricName,
        filterPattern: logs.FilterPattern.stringValue("$.event", "=", event),
        metricValue: value,
      });
    filter("FeedSilentServer", props.serverLogs, "feed.silent", "FeedSilent");
    filter("FeedSilentCheck", props.jobLogs.feedCheck, "feed.silent", "FeedSilent");
    filter("IngestAA", props.jobLogs.feedCheck, "ingest.answers", "IngestAA", "$.AA");
    filter("IngestAE", props.jobLogs.feedCheck, "ingest.answers", "IngestAE", "$.AE");
    filter("IngestAR", props.jobLogs.feedCheck, "ingest.answers", "IngestAR", "$.AR");
    filter(
      "IngestUnavailable",
      props.jobLogs.feedCheck,
      "ingest.answers",
      "IngestUnavailable",
      "$.unavailable",
    );
    filter("PurgeBytes", props.jobLogs.purge, "purge.scheduled", "PurgeBytes", "$.bytes");
    // Lambda's REPORT line names an init duration only for a cold start.
    new logs.MetricFilter(this, "ColdStarts", {
      logGroup: props.serverLogs,
      metricNamespace: namespace,
      metricName: "ServerColdStarts",
      filterPattern: logs.FilterPattern.literal('"Init Duration"'),
      metricValue: "1",
    });
    const fixedMetric = (metricName: string, statistic = "Sum") =>
      new cloudwatch.Metric({ namespace, metricName, statistic, period });

    const fnMetric = (metricName: string, statistic = "Sum") =>
      new cloudwatch.Metric({
        namespace: "AWS/Lambda",
        metricName,
        dimensionsMap: { FunctionName: props.server.functionName },
        statistic,
        period,
      });
    const requests = fnMetric("UrlRequestCount");
    const serverErrors = fnMetric("Url5xxCount");
    const clientErrors = fnMetric("Url4xxCount");
    const serverErrorRate = new cloudwatch.MathExpression({
      expression: "IF(requests > 0, errors / requests, 0)",
      usingMetrics: { requests, errors: serverErrors },
      period,
      label: "5xx share of requests",
    });
    const aa = fixedMetric("IngestAA");
    const ae = fixedMetric("IngestAE");
    const ar = fixedMetric("IngestAR");
    const rejectionRate = new cloudwatch.MathExpression({
      expression: "IF((aa + ae + ar) > 0, (ae + ar) / (aa + ae + ar), 0)",
      usingMetrics: { aa, ae, ar },
      period,
      label: "AE + AR share of ingest answers",
    });

    const notify = new actions.SnsAction(props.topic);
    const alarm = (
      name: string,
      metric: cloudwatch.Metric | cloudwatch.MathExpression,
      threshold: number,
      description: string,
      options: Partial<cloudwatch.CreateAlarmOptions> = {},
    ) => {
      const created = metric.createAlarm(this, name, {
        alarmName: `downtime-${env}-${name}`,
        alarmDescription: `${description} (docs/operations.md, Alarms: ${name})`,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      this.alarms[name] = created;
      return created;
    };
    alarm(
      "server-5xx-rate",
      serverErrorRate,
      thresholds.serverErrorRate,
      "5% or more of requests answered 5xx",
      {
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      },
    );
    alarm(
      "ingest-rejections",
      rejectionRate,
      thresholds.ingestRejectionRate,
      "10% or more of ingest answers are AE/AR",
      {
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      },
    );
    alarm("feed-silent", fixedMetric("FeedSilent"), thresholds.feedSilent, "A watched feed has gone silent");
    alarm(
      "feed-check-failing",
      props.feedCheck.metricErrors({ period }),
      thresholds.feedCheckErrors,
      "The every-minute feed check is failing, so a silent feed would not be seen",
    );
    alarm(
      "purge-failed",
      props.purge.metricErrors({ period: Duration.minutes(30) }),
      thresholds.purgeErrors,
      "A purge run failed",
    );

    // AWS Backup reports failed and aborted jobs as events, not per-vault metrics.
    new events.Rule(this, "BackupJobFailed", {
      description: `Downtime ${env}: a backup or copy job failed (docs/operations.md, Alarms: backup-job-failed)`,
      eventPattern: props.backupFailures,
      targets: [new eventTargets.SnsTopic(props.topic)],
    });

    const dsql = (metricName: string, statistic = "Sum") =>
      new cloudwatch.Metric({
        namespace: "AWS/AuroraDSQL",
        metricName,
        dimensionsMap: { ClusterId: props.clusterId },
        statistic,
        period,
      });
    new cloudwatch.Dashboard(this, "Dashboard", {
      dashboardName: `downtime-${env}`,
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: "Requests", left: [requests] }),
          new cloudwatch.GraphWidget({
            title: "4xx / 5xx",
            left: [clientErrors, serverErrors],
            right: [serverErrorRate],
          }),
          new cloudwatch.GraphWidget({
            title: "Latency (ms)",
            left: ["p50", "p95", "p99"].map((stat) => fnMetric("UrlRequestLatency", stat)),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: "Server function",
            left: [fnMetric("Errors"), fnMetric("Throttles"), fixedMetric("ServerColdStarts")],
            right: [fnMetric("ConcurrentExecutions", "Maximum")],
          }),
          new cloudwatch.GraphWidget({
            title: "Aurora DSQL",
            left: [dsql("TotalTransactions"), dsql("OccConflicts")],
            right: [dsql("CommitLatency", "p99")],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: "Ingest answers",
            left: [aa, ae, ar, fixedMetric("IngestUnavailable")],
            right: [rejectionRate],
          }),
          new cloudwatch.GraphWidget({ title: "Purged bytes", left: [fixedMetric("PurgeBytes")] }),
          new cloudwatch.GraphWidget({ title: "Feeds newly silent", left: [fixedMetric("FeedSilent")] }),
        ],
      ],
    });
  }
}
