/**
 * Runs once when the Next.js server starts: validates the configuration (a bad setting stops
 * start-up with one line naming it) and, locally, migrates and seeds the embedded database.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startUp } = await import("./lib/runtime/start-up");
  await startUp();
}
