import { parseArgs } from "node:util";
import { runScheduledPurge } from "@/lib/runtime/scheduled-purge";
import { createDocumentStore } from "@/lib/server/storage/create-store";
import { openCliDatabase } from "./cli/open-database";

const usage = `Usage: npm run purge [-- --force]
  Purges patients past their facility's retention policy, deletes expired sign-in bookkeeping
  (used launcher token ids, sign-in attempts over a day old, feed health over 30 days), finishes
  patient merges interrupted between batches, and prints a JSON summary.
Options:
  --force          open the embedded database even though it looks open in another process`;

const { values } = parseArgs({
  options: {
    force: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

async function main(): Promise<number> {
  if (values.help) {
    console.error(usage);
    return 0;
  }
  const opened = await openCliDatabase({ force: Boolean(values.force), command: "npm run purge" });
  if (!opened.ok) return opened.exitCode;
  const { config, db } = opened;
  try {
    const storage = await createDocumentStore(config.storage);
    // The same pass the scheduled purge function runs (lib/runtime/lambda/purge-handler.ts).
    const summary = await runScheduledPurge({ config, db, storage });
    console.log(JSON.stringify(summary, null, 2));
    return summary.failed > 0 ? 1 : 0;
  } catch (error) {
    if ((error as { code?: unknown }).code === "42P01") {
      console.error("The purge tables do not exist yet: run `npm run migrate` (or start the app once).");
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
