/**
 * AWS Backup for the environment's data: the DSQL cluster and the documents bucket, daily (kept
 * `dailyBackupDays`, 35 by default) and monthly (kept `monthlyBackupMonths`, 12 by default), in a
 * vault encrypted with the environment's key. Multi-Region environments copy every recovery point
 * to the standby Region's vault, so a lost Region still leaves restorable backups.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as events from "aws-cdk-lib/aws-events";
import type * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import { acknowledge } from "./nag";

export interface BackupProps {
  key: kms.IKey;
  resourceArns: string[];
  dailyBackupDays: number;
  monthlyBackupMonths: number;
  /** Multi-Region: the standby Region's vault. */
  copyTo?: backup.IBackupVault;
}

/** Months as days, as AWS Backup counts retention. */
export function monthsAsDays(months: number): number {
  return Math.round((months * 365) / 12);
}

export class Backup extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;
  /** The role AWS Backup assumes for this selection (backup:verify passes it as --role-arn). */
  readonly selectionRoleArn: string;
  /** Backup and copy jobs that failed or were aborted (EventBridge; the monitoring construct alarms on it). */
  readonly failedJobs: events.EventPattern;

  constructor(scope: Construct, id: string, props: BackupProps) {
    super(scope, id);
    this.vault = new backup.BackupVault(this, "Vault", {
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const copy = (days: number) =>
      props.copyTo ? [{ destinationBackupVault: props.copyTo, deleteAfter: Duration.days(days) }] : undefined;
    const daily = props.dailyBackupDays;
    const monthly = monthsAsDays(props.monthlyBackupMonths);
    this.plan = new backup.BackupPlan(this, "Plan", {
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: "Daily",
          scheduleExpression: events.Schedule.cron({ hour: "1", minute: "30" }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(4),
          deleteAfter: Duration.days(daily),
          copyActions: copy(daily),
        }),
        new backup.BackupPlanRule({
          ruleName: "Monthly",
          scheduleExpression: events.Schedule.cron({ day: "1", hour: "3", minute: "0" }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(monthly),
          copyActions: copy(monthly),
        }),
      ],
    });
    const selection = this.plan.addSelection("Data", {
      resources: props.resourceArns.map((arn) => backup.BackupResource.fromArn(arn)),
      allowRestores: true,
    });
    this.selectionRoleArn = (selection.grantPrincipal as iam.IRole).roleArn;
    acknowledge(this.plan, [
      ...["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"].map((policy) => ({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
        reason:
          "AWS Backup's own service-role policies, kept current by AWS as it adds resource types such as Aurora DSQL.",
      })),
    ]);
    this.failedJobs = {
      source: ["aws.backup"],
      detailType: ["Backup Job State Change", "Copy Job State Change"],
      detail: { state: ["FAILED", "ABORTED"] },
    };
  }
}
