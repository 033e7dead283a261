// `npm run dsql:smoke`: the first thing to run against a new, empty Aurora DSQL cluster. Runs the
// app's own steps through its DSQL adapter (IAM auth, one connection) and prints each step's
// time; exit 0 when all pass, 1 at the first failure, 2 for wrong usage (scripts/dsql-smoke/).
import { createDatabase } from "@/lib/server/db/create-database";
import { parseSmokeArgs, planText, usage } from "./dsql-smoke/smoke-args";
import { runSmoke } from "./dsql-smoke/smoke-steps";

async function main(): Promise<number> {
  const args = parseSmokeArgs(process.argv.slice(2), process.env);
  if (args.kind === "help") {
    console.error(usage);
    return 0;
  }
  if (args.kind === "usage-error") {
    console.error(`${args.message}\n\n${usage}`);
    return 2;
  }
  if (args.kind === "dry-run") {
    console.log(planText(args));
    return 0;
  }
  const db = await createDatabase({
    kind: "dsql",
    endpoint: args.endpoint!,
    region: args.region!,
    user: args.user,
    poolMax: 1,
  });
  const started = performance.now();
  try {
    await runSmoke(db, (step) =>
      console.log(`ok   ${step.name.padEnd(12)} ${String(step.ms).padStart(7)} ms  ${step.detail}`),
    );
    console.log(`All steps passed in ${Math.round(performance.now() - started)} ms.`);
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    console.error(
      `FAIL ${error instanceof Error ? error.message : String(error)}${typeof code === "string" ? ` (SQLSTATE ${code})` : ""}`,
    );
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
