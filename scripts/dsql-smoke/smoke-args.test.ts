import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseSmokeArgs, planText } from "./smoke-args";
import { smokeSteps } from "./smoke-steps";

const endpoint = "abcdefghijklmnopqrstuvwxyz.dsql.eu-west-2.on.aws";

describe("dsql:smoke arguments", () => {
  it("takes the endpoint from DSQL_ENDPOINT and the region from it", () => {
    expect(parseSmokeArgs([], { DSQL_ENDPOINT: endpoint })).toEqual({
      kind: "run",
      endpoint,
      region: "eu-west-2",
      user: "admin",
    });
    expect(
      parseSmokeArgs(["--endpoint", endpoint, "--user", "smoke"], { AWS_REGION: "eu-west-1" }),
    ).toMatchObject({
      kind: "run",
      region: "eu-west-1",
      user: "smoke",
    });
  });

  it("says what is missing when there is no endpoint, or it is not a DSQL one", () => {
    expect(parseSmokeArgs([], {})).toMatchObject({
      kind: "usage-error",
      message: expect.stringContaining("DSQL_ENDPOINT is not set"),
    });
    expect(parseSmokeArgs(["--endpoint", "db.example.com"], {})).toMatchObject({
      kind: "usage-error",
      message: expect.stringContaining("Not a DSQL endpoint"),
    });
    expect(parseSmokeArgs(["--frobnicate"], {})).toMatchObject({ kind: "usage-error" });
  });

  it("plans a dry run without connecting, with or without an endpoint", () => {
    const dry = parseSmokeArgs(["--dry-run"], { DSQL_ENDPOINT: endpoint });
    expect(dry).toMatchObject({ kind: "dry-run", endpoint });
    const plan = planText(dry as { endpoint: string; region: string; user: string });
    expect(plan).toContain(endpoint);
    for (const step of smokeSteps) expect(plan).toContain(step.name);
    expect(planText({ endpoint: undefined, region: undefined, user: "admin" })).toContain(
      "DSQL_ENDPOINT not set",
    );
  });
});

describe("npm run dsql:smoke, as a process", () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/dsql-smoke.ts", ...args], {
      encoding: "utf8",
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      timeout: 60_000,
    });

  it("exits 2 with a clear line when DSQL_ENDPOINT is missing", () => {
    const result = run([], {});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("DSQL_ENDPOINT is not set");
  }, 90_000);

  it("prints the plan on --dry-run and exits 0 without connecting", () => {
    // An endpoint no one can reach: a dry run must not try.
    const result = run(["--dry-run"], { DSQL_ENDPOINT: endpoint });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Plan (dry run, nothing is touched)");
    expect(result.stdout).toContain("7. purge");
  }, 90_000);
});
