/**
 * `npm run backup:verify`: proves a backup restores (docs/operations.md, "Restore from backup").
 * Takes an on-demand AWS Backup of the DSQL cluster, restores that recovery point to a scratch
 * cluster, compares the row count of every table with the source, and deletes the scratch cluster
 * whatever the outcome. `--dry-run` makes read-only calls only (the vault and the cluster exist,
 * the role is named) and prints the steps it would take.
 */
import {
  type BackupClient,
  DescribeBackupJobCommand,
  DescribeBackupVaultCommand,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  StartBackupJobCommand,
  StartRestoreJobCommand,
} from "@aws-sdk/client-backup";
import {
  DeleteClusterCommand,
  type DSQLClient,
  GetClusterCommand,
  UpdateClusterCommand,
} from "@aws-sdk/client-dsql";

export interface VerifyOptions {
  clusterArn: string;
  vaultName: string;
  /** The role AWS Backup uses to back up and restore (the plan's selection role). */
  backupRoleArn: string;
  region: string;
  dryRun: boolean;
  /** Tables may grow between the backup and the count on a live cluster: allowed drift, percent. */
  maxDriftPercent: number;
}

export interface VerifyDeps {
  backup: Pick<BackupClient, "send">;
  dsql: Pick<DSQLClient, "send">;
  /** Row count per table of the cluster at `endpoint`, connected as admin. */
  countRows: (endpoint: string) => Promise<Record<string, number>>;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
  pollMs?: number;
  /** Polls before giving up on a job (default: 6 hours at 30 s). */
  maxPolls?: number;
}

export interface TableComparison {
  table: string;
  source: number;
  restored: number | null;
}

export interface VerifyResult {
  dryRun: boolean;
  steps: string[];
  recoveryPointArn?: string;
  scratchClusterArn?: string;
  tables: TableComparison[];
  mismatches: TableComparison[];
  scratchDeleted: boolean;
  ok: boolean;
}

const clusterArnPattern = /^arn:aws[a-z-]*:dsql:([a-z0-9-]+):(\d{12}):cluster\/([a-z0-9]+)$/;

export function clusterIdOf(arn: string): string {
  const match = clusterArnPattern.exec(arn);
  if (!match) throw new Error(`Not an Aurora DSQL cluster ARN: ${arn}`);
  return match[3]!;
}

export function compareCounts(
  source: Record<string, number>,
  restored: Record<string, number>,
  maxDriftPercent: number,
): { tables: TableComparison[]; mismatches: TableComparison[] } {
  const tables = Object.keys(source)
    .sort()
    .map((table) => ({ table, source: source[table]!, restored: restored[table] ?? null }));
  const mismatches = tables.filter(({ source: expected, restored: actual }) => {
    if (actual === null) return true;
    const allowed = Math.floor((expected * maxDriftPercent) / 100);
    return Math.abs(expected - actual) > allowed;
  });
  return { tables, mismatches };
}

export async function verifyBackup(deps: VerifyDeps, options: VerifyOptions): Promise<VerifyResult> {
  const log = deps.log ?? ((line: string) => console.error(line));
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = deps.pollMs ?? 30_000;
  const maxPolls = deps.maxPolls ?? 720;
  const sourceId = clusterIdOf(options.clusterArn);
  const steps: string[] = [];
  const step = (text: string) => {
    steps.push(text);
    log(text);
  };

  // Read-only checks, in both modes: the vault and the cluster exist.
  await deps.backup.send(new DescribeBackupVaultCommand({ BackupVaultName: options.vaultName }));
  const source = await deps.dsql.send(new GetClusterCommand({ identifier: sourceId }));
  const sourceEndpoint = source.endpoint ?? `${sourceId}.dsql.${options.region}.on.aws`;

  const plan = [
    `start an on-demand backup of ${options.clusterArn} into ${options.vaultName} (kept 7 days)`,
    "wait for it, then restore the recovery point to a new scratch cluster",
    `count the rows of every table on ${sourceEndpoint} and on the scratch cluster, allowing ${options.maxDriftPercent}% drift`,
    "delete the scratch cluster",
  ];
  if (options.dryRun) {
    for (const line of plan) step(`would ${line}`);
    return { dryRun: true, steps, tables: [], mismatches: [], scratchDeleted: false, ok: true };
  }

  const poll = async <T>(what: string, read: () => Promise<{ state?: string; value?: T }>): Promise<T> => {
    for (let attempt = 0; attempt < maxPolls; attempt += 1) {
      const { state, value } = await read();
      if (state === "COMPLETED" && value !== undefined) return value;
      if (state === "FAILED" || state === "ABORTED" || state === "EXPIRED")
        throw new Error(`${what} ${state}`);
      await sleep(pollMs);
    }
    throw new Error(`${what} did not finish in time`);
  };

  step(`starting backup of ${sourceId}`);
  const started = await deps.backup.send(
    new StartBackupJobCommand({
      BackupVaultName: options.vaultName,
      ResourceArn: options.clusterArn,
      IamRoleArn: options.backupRoleArn,
      Lifecycle: { DeleteAfterDays: 7 },
    }),
  );
  const recoveryPointArn = await poll("backup job", async () => {
    const job = await deps.backup.send(new DescribeBackupJobCommand({ BackupJobId: started.BackupJobId }));
    return { state: job.State, value: job.RecoveryPointArn };
  });
  step(`backup complete: ${recoveryPointArn}`);

  const metadata = await deps.backup.send(
    new GetRecoveryPointRestoreMetadataCommand({
      BackupVaultName: options.vaultName,
      RecoveryPointArn: recoveryPointArn,
    }),
  );
  const restore = await deps.backup.send(
    new StartRestoreJobCommand({
      RecoveryPointArn: recoveryPointArn,
      IamRoleArn: options.backupRoleArn,
      Metadata: metadata.RestoreMetadata ?? {},
    }),
  );
  let scratchClusterArn: string | undefined;
  try {
    scratchClusterArn = await poll("restore job", async () => {
      const job = await deps.backup.send(
        new DescribeRestoreJobCommand({ RestoreJobId: restore.RestoreJobId }),
      );
      return { state: job.Status, value: job.CreatedResourceArn };
    });
    step(`restored to scratch cluster ${scratchClusterArn}`);
    const scratchId = clusterIdOf(scratchClusterArn);
    const scratch = await poll("scratch cluster", async () => {
      const cluster = await deps.dsql.send(new GetClusterCommand({ identifier: scratchId }));
      return { state: cluster.status === "ACTIVE" ? "COMPLETED" : cluster.status, value: cluster };
    });
    const scratchEndpoint = scratch.endpoint ?? `${scratchId}.dsql.${options.region}.on.aws`;
    const [sourceCounts, restoredCounts] = [
      await deps.countRows(sourceEndpoint),
      await deps.countRows(scratchEndpoint),
    ];
    const { tables, mismatches } = compareCounts(sourceCounts, restoredCounts, options.maxDriftPercent);
    step(`compared ${tables.length} tables: ${mismatches.length} mismatch(es)`);
    return {
      dryRun: false,
      steps,
      recoveryPointArn,
      scratchClusterArn,
      tables,
      mismatches,
      scratchDeleted: true,
      ok: mismatches.length === 0,
    };
  } finally {
    if (scratchClusterArn) {
      const scratchId = clusterIdOf(scratchClusterArn);
      // A restored cluster may carry the source's deletion protection.
      await deps.dsql.send(
        new UpdateClusterCommand({ identifier: scratchId, deletionProtectionEnabled: false }),
      );
      await deps.dsql.send(new DeleteClusterCommand({ identifier: scratchId }));
      step(`deleted scratch cluster ${scratchId}`);
    }
  }
}
