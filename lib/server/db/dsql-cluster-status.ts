/** Aurora DSQL cluster status via the control plane (@aws-sdk/client-dsql), for the health check. */
import "server-only";
import { DSQLClient, GetClusterCommand } from "@aws-sdk/client-dsql";
import { dsqlClusterId } from "@/lib/server/db/dsql";

let client: DSQLClient | undefined;

export async function dsqlClusterStatus(endpoint: string, region: string): Promise<string> {
  client ??= new DSQLClient({ region });
  const cluster = await client.send(new GetClusterCommand({ identifier: dsqlClusterId(endpoint) }));
  if (cluster.status !== "ACTIVE" && cluster.status !== "IDLE") {
    throw new Error(`cluster ${cluster.status ?? "unknown"}`);
  }
  return `cluster ${cluster.status}`;
}
