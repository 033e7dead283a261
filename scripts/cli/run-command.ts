/**
 * The frame of an operator CLI with subcommands (api-key, device): usage on --help or no
 * command, open the database (open-database.ts), run, and turn failures into one readable line
 * and an exit code: 2 for wrong usage, 1 for a refusal.
 */

import type { Database } from "@/lib/db/types";
import { isAppError } from "@/lib/errors";
import { openCliDatabase } from "./open-database";

export class UsageError extends Error {}

export interface CommandCli {
  usage: string;
  help: boolean;
  command: string | undefined;
  force: boolean;
  /** As typed by the operator, e.g. "npm run device". */
  name: string;
  /** The table the commands need, named when migrations have not run yet. */
  table: string;
  run(db: Database): Promise<void>;
}

export async function runCommandCli(cli: CommandCli): Promise<number> {
  if (cli.help || !cli.command) {
    console.error(cli.usage);
    return cli.help ? 0 : 2;
  }
  const opened = await openCliDatabase({ force: cli.force, command: cli.name });
  if (!opened.ok) return opened.exitCode;
  const { db } = opened;
  try {
    await cli.run(db);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${cli.usage}`);
    else if (isAppError(error)) console.error(error.message);
    else if ((error as { code?: unknown }).code === "42P01") {
      console.error(
        `The ${cli.table} table does not exist yet: run \`npm run migrate\` (or start the app once).`,
      );
    } else throw error;
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await db.close();
  }
}
