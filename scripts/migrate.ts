// `npm run migrate`: applies pending migrations to the configured database (deployed shapes,
// where start-up does not migrate). Safe to run repeatedly and concurrently.
import { getConfig } from "@/lib/env";
import { createDatabase } from "@/lib/server/db/create-database";
import { runMigrations } from "@/lib/server/db/migrate";

const config = getConfig();
const db = await createDatabase(config.database);
try {
  const ran = await runMigrations(db);
  console.log(
    ran.length ? `Applied ${ran.length} migration(s): ${ran.join(", ")}` : "Database is up to date.",
  );
} finally {
  await db.close();
}
