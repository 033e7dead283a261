import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import {
  type ApiClient,
  createApiClient,
  listApiClients,
  revokeApiClient,
  rotateApiClient,
  setMrnAuthorities,
} from "@/lib/api-clients/api-clients";
import { maskedApiKey } from "@/lib/api-clients/api-key-format";
import type { Database } from "@/lib/db/types";
import { runCommandCli, UsageError } from "./cli/run-command";

const usage = `Usage: npm run api-key -- <command>
  create --name "Rhapsody PROD" --facility RXD01 [--facility RXD02] [--rate 6000]
         [--mrn-authority RXD [--mrn-authority RXD2]]
  list
  revoke <id>
  rotate <id>      revoke and issue a new key with the same name, facilities, rate and MRN authorities
  set-mrn-authority <id> RXD [RXD2 ...]
                   the PID-3 assigning authorities (CX-4.1 or CX-4.2) whose identifier is the MRN,
                   most preferred first
  set-mrn-authority <id> --clear
                   back to the default: the first identifier of type MR/PI/PT, else the first
                   that is not an NHS number
Options:
  --force          open the embedded database even though it looks open in another process`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    facility: { type: "string", multiple: true },
    rate: { type: "string" },
    "mrn-authority": { type: "string", multiple: true },
    clear: { type: "boolean", default: false },
    force: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
const [command, id, ...rest] = positionals;
// The audit row's "who": the same rules as the console, which passes the admin's session.
const by = { userId: null, username: `cli:${userInfo().username}`, method: "system" as const };

function formatClient(client: ApiClient): string {
  const status = client.revokedAt ? `revoked ${client.revokedAt.toISOString()}` : "active";
  return [
    client.id,
    maskedApiKey(client.keyPrefix).padEnd(15),
    status.padEnd(32),
    `${client.rateLimitPerMinute}/min`.padEnd(12),
    client.facilityCodes.join(",").padEnd(24),
    `MRN: ${client.mrnAuthorities?.join(",") ?? "default"}`.padEnd(20),
    `last used ${client.lastUsedAt?.toISOString() ?? "never"}`.padEnd(35),
    client.name,
  ].join("  ");
}

function printIssued(verb: string, client: ApiClient, key: string): void {
  const mrn = client.mrnAuthorities ? `, MRN from ${client.mrnAuthorities.join(" then ")}` : "";
  console.log(
    `${verb} API client ${client.id} "${client.name}" for ${client.facilityCodes.join(", ")}${mrn}.\n`,
  );
  console.log(`  ${key}\n`);
  console.log(
    "Store this key now in the integration engine's credential store. It is shown only this once " +
      "and cannot be recovered (only its hash is kept); if it is lost, rotate the client.",
  );
}

async function run(db: Database): Promise<void> {
  if (command === "create") {
    if (!values.name || !values.facility?.length) throw new UsageError("create needs --name and --facility");
    const rate = values.rate === undefined ? undefined : Number(values.rate);
    if (rate !== undefined && !Number.isInteger(rate)) throw new UsageError("--rate must be a whole number");
    const issued = await createApiClient(
      db,
      {
        name: values.name,
        facilityCodes: values.facility,
        rateLimitPerMinute: rate,
        mrnAuthorities: values["mrn-authority"],
      },
      { by },
    );
    printIssued("Created", issued.client, issued.key);
  } else if (command === "list") {
    const clients = await listApiClients(db);
    if (clients.length === 0) console.log("No API clients.");
    for (const client of clients) console.log(formatClient(client));
  } else if (command === "revoke" && id) {
    const client = await revokeApiClient(db, id, { by });
    console.log(`Revoked ${formatClient(client)}`);
    console.log("Running app instances stop accepting it within 30 seconds (their key cache).");
  } else if (command === "rotate" && id) {
    const issued = await rotateApiClient(db, id, { by });
    printIssued("Rotated; the old key is revoked. New", issued.client, issued.key);
  } else if (command === "set-mrn-authority" && id) {
    const authorities = values.clear ? [] : rest;
    if (values.clear ? rest.length > 0 : rest.length === 0) {
      throw new UsageError("set-mrn-authority needs one or more authorities, or --clear");
    }
    const client = await setMrnAuthorities(db, id, authorities);
    console.log(`Updated ${formatClient(client)}`);
    console.log("Running app instances use it within 30 seconds (their key cache).");
  } else {
    throw new UsageError(command ? `unknown or incomplete command: ${command}` : "no command given");
  }
}

process.exitCode = await runCommandCli({
  usage,
  help: Boolean(values.help),
  command,
  force: Boolean(values.force),
  name: "npm run api-key",
  table: "api_client",
  run,
});
