/**
 * Aurora DSQL adapter: a `pg` Pool whose password is a fresh IAM auth token for every new
 * connection (tokens expire; default 15 min). DSQL closes connections after 60 minutes, so the
 * pool retires them at 50. TLS is required and verified. New connections are rate-limited by
 * DSQL, so the pool lives for the whole process (reused across Lambda invocations).
 */
import "server-only";
import { DsqlSigner } from "@aws-sdk/dsql-signer";
import pg from "pg";
import type { Database } from "@/lib/db/types";
import { createPoolDatabase } from "./pg-pool";

export interface DsqlOptions {
  endpoint: string;
  region: string;
  user: string;
  poolMax?: number;
}

export const dsqlConnectionMaxLifetimeSeconds = 50 * 60;

export function dsqlPoolConfig(
  options: DsqlOptions,
  signer: Pick<DsqlSigner, "getDbConnectAdminAuthToken" | "getDbConnectAuthToken">,
): pg.PoolConfig {
  return {
    host: options.endpoint,
    port: 5432,
    user: options.user,
    database: "postgres",
    // The admin role uses its own token action; any other role uses dsql:DbConnect.
    password: () =>
      options.user === "admin" ? signer.getDbConnectAdminAuthToken() : signer.getDbConnectAuthToken(),
    ssl: { rejectUnauthorized: true },
    max: options.poolMax ?? 10,
    maxLifetimeSeconds: dsqlConnectionMaxLifetimeSeconds,
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: 10_000,
  };
}

export function createDsqlDatabase(options: DsqlOptions): Database {
  const signer = new DsqlSigner({ hostname: options.endpoint, region: options.region });
  return createPoolDatabase("dsql", new pg.Pool(dsqlPoolConfig(options, signer)));
}

/** The cluster id is the first label of the endpoint: <id>.dsql.<region>.on.aws */
export function dsqlClusterId(endpoint: string): string {
  return endpoint.split(".")[0]!;
}
