/**
 * Arguments of `npm run dsql:smoke`: the cluster comes from DSQL_ENDPOINT (or --endpoint), the
 * role from DSQL_USER (default admin), credentials from the AWS default chain (the app's DSQL
 * adapter signs IAM tokens with @aws-sdk/dsql-signer). --dry-run prints the plan and touches
 * nothing. Wrong usage is a readable line and exit code 2.
 */
import { parseArgs } from "node:util";
import { type SmokeStep, smokeSteps } from "./smoke-steps";

export const usage = `Usage: DSQL_ENDPOINT=<cluster-id>.dsql.<region>.on.aws npm run dsql:smoke [-- --dry-run]
  Runs the app's first steps against an EMPTY Aurora DSQL cluster and reports each step's time:
  migrate, check it is empty, seed a smoke facility, ingest 5 ADT messages, sign a user in from a
  ward PC, read the ward, purge. Credentials: the AWS default chain (profile, SSO, role).
Options:
  --endpoint <host>  the cluster endpoint (default: DSQL_ENDPOINT)
  --user <role>      the database role (default: DSQL_USER, else admin)
  --dry-run          print the plan; connect to nothing
  -h, --help         this text`;

/** As lib/env.ts checks DSQL_ENDPOINT. */
const endpointShape = /^[a-z0-9]+\.dsql(-[a-z0-9]+)?\.([a-z0-9-]+)\.on\.aws$/;

export type SmokeArgs =
  | { kind: "help" }
  | { kind: "run" | "dry-run"; endpoint: string | undefined; region: string | undefined; user: string }
  | { kind: "usage-error"; message: string };

export function parseSmokeArgs(argv: readonly string[], env: Record<string, string | undefined>): SmokeArgs {
  let values: { endpoint?: string; user?: string; "dry-run"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        endpoint: { type: "string" },
        user: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    return { kind: "usage-error", message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: "help" };
  const endpoint = values.endpoint ?? env.DSQL_ENDPOINT;
  const user = values.user ?? env.DSQL_USER ?? "admin";
  const shape = endpoint ? endpointShape.exec(endpoint) : null;
  if (endpoint && !shape) {
    return {
      kind: "usage-error",
      message: `Not a DSQL endpoint: ${endpoint} (expected <cluster-id>.dsql.<region>.on.aws)`,
    };
  }
  const region = env.AWS_REGION ?? shape?.[2];
  if (values["dry-run"]) return { kind: "dry-run", endpoint, region, user };
  if (!endpoint) {
    return {
      kind: "usage-error",
      message:
        "DSQL_ENDPOINT is not set: give the cluster endpoint (<cluster-id>.dsql.<region>.on.aws) or --endpoint",
    };
  }
  return { kind: "run", endpoint, region, user };
}

/** The plan --dry-run prints: where it would connect and each step in order. */
export function planText(
  args: { endpoint: string | undefined; region: string | undefined; user: string },
  steps: SmokeStep[] = smokeSteps,
): string {
  const target = args.endpoint
    ? `${args.endpoint} (region ${args.region}, role ${args.user}, IAM token from the AWS default credential chain)`
    : "DSQL_ENDPOINT not set: a real run would stop here";
  return [
    `Plan (dry run, nothing is touched): ${target}`,
    ...steps.map((step, index) => `  ${index + 1}. ${step.name}: ${step.does}`),
  ].join("\n");
}
