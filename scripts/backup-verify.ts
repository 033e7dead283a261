import { parseArgs } from "node:util";
import { BackupClient } from "@aws-sdk/client-backup";
import { DSQLClient } from "@aws-sdk/client-dsql";
import { createDsqlDatabase } from "@/lib/server/db/dsql";
import { verifyBackup } from "./cli/backup-verify";

const usage = `Usage: npm run backup:verify -- --cluster-arn <arn> --vault <name> --role-arn <arn> [--dry-run]
  Takes an on-demand AWS Backup of the Aurora DSQL cluster, restores it to a scratch cluster,
  compares every table's row count with the source and deletes the scratch cluster.
Options:
  --cluster-arn         the environment's DSQL cluster (stack output / console)
  --vault               the environment's backup vault name
  --role-arn            the backup selection role (AWS Backup assumes it to back up and restore)
  --max-drift-percent   rows a live table may gain or lose between backup and count (default 1)
  --dry-run             read-only: check the vault and the cluster, print the steps`;

const { values } = parseArgs({
  options: {
    "cluster-arn": { type: "string" },
    vault: { type: "string" },
    "role-arn": { type: "string" },
    "max-drift-percent": { type: "string", default: "1" },
    "dry-run": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

async function countRows(endpoint: string, region: string): Promise<Record<string, number>> {
  const db = createDsqlDatabase({ endpoint, region, user: "admin", poolMax: 1 });
  try {
    const tables = await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const counts: Record<string, number> = {};
    for (const { tablename } of tables.rows) {
      const result = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${tablename.replaceAll('"', '""')}"`,
      );
      counts[tablename] = Number(result.rows[0]!.n);
    }
    return counts;
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const clusterArn = values["cluster-arn"];
  const vaultName = values.vault;
  const backupRoleArn = values["role-arn"];
  if (values.help || !clusterArn || !vaultName || !backupRoleArn) {
    console.error(usage);
    return values.help ? 0 : 1;
  }
  const region = clusterArn.split(":")[3] ?? "";
  const maxDriftPercent = Number(values["max-drift-percent"]);
  if (!region || !Number.isFinite(maxDriftPercent) || maxDriftPercent < 0) {
    console.error(usage);
    return 1;
  }
  const result = await verifyBackup(
    {
      backup: new BackupClient({ region }),
      dsql: new DSQLClient({ region }),
      countRows: (endpoint) => countRows(endpoint, region),
    },
    { clusterArn, vaultName, backupRoleArn, region, dryRun: Boolean(values["dry-run"]), maxDriftPercent },
  );
  console.log(JSON.stringify(result, null, 2));
  return result.ok ? 0 : 1;
}

process.exitCode = await main();
