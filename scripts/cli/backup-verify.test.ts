/**
 * backup:verify with mocked AWS clients (aws-sdk-client-mock): the dry run only reads, the real
 * run backs up, restores, compares and always deletes the scratch cluster.
 */
import {
  BackupClient,
  DescribeBackupJobCommand,
  DescribeBackupVaultCommand,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  StartBackupJobCommand,
  StartRestoreJobCommand,
} from "@aws-sdk/client-backup";
import {
  DeleteClusterCommand,
  DSQLClient,
  GetClusterCommand,
  UpdateClusterCommand,
} from "@aws-sdk/client-dsql";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { compareCounts, verifyBackup } from "./backup-verify";

const backup = mockClient(BackupClient);
const dsql = mockClient(DSQLClient);
const sourceId = "abcdefghijklmnopqrstuvwxyz";
const scratchId = "zyxwvutsrqponmlkjihgfedcba";
const options = {
  clusterArn: `arn:aws:dsql:eu-west-2:111111111111:cluster/${sourceId}`,
  vaultName: "downtime-cert-vault",
  backupRoleArn: "arn:aws:iam::111111111111:role/backup",
  region: "eu-west-2",
  dryRun: false,
  maxDriftPercent: 0,
};
const quiet = { sleep: async () => {}, log: () => {}, pollMs: 0, maxPolls: 5 };

beforeEach(() => {
  backup.reset();
  dsql.reset();
  backup.on(DescribeBackupVaultCommand).resolves({ BackupVaultName: options.vaultName });
  dsql.on(GetClusterCommand, { identifier: sourceId }).resolves({ identifier: sourceId, status: "ACTIVE" });
});

function mockRestore() {
  backup.on(StartBackupJobCommand).resolves({ BackupJobId: "job-1" });
  backup.on(DescribeBackupJobCommand).resolvesOnce({ State: "RUNNING" }).resolves({
    State: "COMPLETED",
    RecoveryPointArn: "arn:aws:backup:eu-west-2:111111111111:recovery-point:rp-1",
  });
  backup
    .on(GetRecoveryPointRestoreMetadataCommand)
    .resolves({ RestoreMetadata: { deletionProtectionEnabled: "false" } });
  backup.on(StartRestoreJobCommand).resolves({ RestoreJobId: "restore-1" });
  backup.on(DescribeRestoreJobCommand).resolves({
    Status: "COMPLETED",
    CreatedResourceArn: `arn:aws:dsql:eu-west-2:111111111111:cluster/${scratchId}`,
  });
  dsql
    .on(GetClusterCommand, { identifier: scratchId })
    .resolvesOnce({ identifier: scratchId, status: "CREATING" })
    .resolves({ identifier: scratchId, status: "ACTIVE", endpoint: `${scratchId}.dsql.eu-west-2.on.aws` });
  dsql.on(UpdateClusterCommand).resolves({});
  dsql.on(DeleteClusterCommand).resolves({});
}

describe("backup:verify --dry-run", () => {
  it("checks the vault and the cluster and starts nothing", async () => {
    const counted: string[] = [];
    const result = await verifyBackup(
      {
        backup,
        dsql,
        countRows: async (endpoint) => {
          counted.push(endpoint);
          return {};
        },
        ...quiet,
      },
      { ...options, dryRun: true },
    );
    expect(result).toMatchObject({ dryRun: true, ok: true, scratchDeleted: false });
    expect(result.steps.every((line) => line.startsWith("would "))).toBe(true);
    expect(backup.commandCalls(DescribeBackupVaultCommand)).toHaveLength(1);
    expect(backup.commandCalls(StartBackupJobCommand)).toHaveLength(0);
    expect(backup.commandCalls(StartRestoreJobCommand)).toHaveLength(0);
    expect(dsql.commandCalls(DeleteClusterCommand)).toHaveLength(0);
    expect(counted).toEqual([]);
  });

  it("fails when the vault does not exist", async () => {
    backup.on(DescribeBackupVaultCommand).rejects(new Error("ResourceNotFoundException"));
    await expect(
      verifyBackup({ backup, dsql, countRows: async () => ({}), ...quiet }, { ...options, dryRun: true }),
    ).rejects.toThrow(/ResourceNotFound/);
  });
});

describe("backup:verify", () => {
  it("backs up, restores to a scratch cluster, compares every table and deletes the scratch", async () => {
    mockRestore();
    const counts = { patient: 820, stay: 900, audit_event: 12_000 };
    const result = await verifyBackup({ backup, dsql, countRows: async () => counts, ...quiet }, options);
    expect(result.ok).toBe(true);
    expect(result.tables.map((table) => table.table)).toEqual(["audit_event", "patient", "stay"]);
    expect(backup.commandCalls(StartBackupJobCommand)[0]!.args[0].input).toMatchObject({
      ResourceArn: options.clusterArn,
      BackupVaultName: options.vaultName,
      IamRoleArn: options.backupRoleArn,
    });
    expect(dsql.commandCalls(UpdateClusterCommand)[0]!.args[0].input).toEqual({
      identifier: scratchId,
      deletionProtectionEnabled: false,
    });
    expect(dsql.commandCalls(DeleteClusterCommand)[0]!.args[0].input).toEqual({ identifier: scratchId });
  });

  it("reports a table whose count differs, and still deletes the scratch cluster", async () => {
    mockRestore();
    const result = await verifyBackup(
      {
        backup,
        dsql,
        countRows: async (endpoint): Promise<Record<string, number>> =>
          endpoint.startsWith(scratchId) ? { patient: 700 } : { patient: 820, stay: 3 },
        ...quiet,
      },
      options,
    );
    expect(result.ok).toBe(false);
    expect(result.mismatches).toEqual([
      { table: "patient", source: 820, restored: 700 },
      { table: "stay", source: 3, restored: null },
    ]);
    expect(dsql.commandCalls(DeleteClusterCommand)).toHaveLength(1);
  });

  it("deletes the scratch cluster even when counting fails", async () => {
    mockRestore();
    await expect(
      verifyBackup(
        {
          backup,
          dsql,
          countRows: async () => {
            throw new Error("connection refused");
          },
          ...quiet,
        },
        options,
      ),
    ).rejects.toThrow(/connection refused/);
    expect(dsql.commandCalls(DeleteClusterCommand)).toHaveLength(1);
  });

  it("stops when the backup job fails, with no cluster to delete", async () => {
    backup.on(StartBackupJobCommand).resolves({ BackupJobId: "job-2" });
    backup.on(DescribeBackupJobCommand).resolves({ State: "FAILED" });
    await expect(
      verifyBackup({ backup, dsql, countRows: async () => ({}), ...quiet }, options),
    ).rejects.toThrow(/backup job FAILED/);
    expect(backup.commandCalls(StartRestoreJobCommand)).toHaveLength(0);
    expect(dsql.commandCalls(DeleteClusterCommand)).toHaveLength(0);
  });
});

describe("compareCounts", () => {
  it("allows the configured drift on a live cluster and no more", () => {
    expect(compareCounts({ a: 1000 }, { a: 990 }, 1).mismatches).toEqual([]);
    expect(compareCounts({ a: 1000 }, { a: 989 }, 1).mismatches).toHaveLength(1);
  });
});
