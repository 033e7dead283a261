// `npm run device -- <command>`: registers, lists and revokes the ward PCs whose desktop launcher
// may sign staff in, against the configured database (getConfig, as the app). Only public keys are
// handled here; private keys stay on the PCs.
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { type LauncherDevice, listDevices, registerDevice, revokeDevice } from "@/lib/auth/launcher/devices";
import { jwkThumbprint } from "@/lib/auth/launcher/launcher-jwk";
import type { Database } from "@/lib/db/types";
import { runCommandCli, UsageError } from "./cli/run-command";

const usage = `Usage: npm run device -- <command>
  register --id WARDPC-OAK-01 --name "Oak ward nurses' station" --location "Oak ward"
           (--jwk '<public JWK JSON>' | --jwk-file key.json) [--ward <ward uuid>]
  list
  revoke <id>      the PC can no longer sign anyone in, and its open launcher sessions end
Options:
  --force          open the embedded database even though it looks open in another process`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    id: { type: "string" },
    name: { type: "string" },
    location: { type: "string" },
    ward: { type: "string" },
    jwk: { type: "string" },
    "jwk-file": { type: "string" },
    force: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
const [command, id] = positionals;
// The audit log names who ran the command; there is no signed-in user here.
const by = { userId: null, username: `cli:${userInfo().username}`, method: "system" as const };

async function formatDevice(device: LauncherDevice): Promise<string> {
  const status = device.revokedAt ? `revoked ${device.revokedAt.toISOString()}` : "active";
  return [
    device.id.padEnd(20),
    status.padEnd(32),
    `${device.publicJwk.kty}/${device.publicJwk.crv}`.padEnd(12),
    `thumbprint ${await jwkThumbprint(device.publicJwk)}`,
    `${device.name} (${device.location})`,
  ].join("  ");
}

async function run(db: Database): Promise<void> {
  if (command === "register") {
    if (!values.id || !values.name || !values.location) {
      throw new UsageError("register needs --id, --name and --location");
    }
    const jwkText = values["jwk-file"] ? readFileSync(values["jwk-file"], "utf8") : values.jwk;
    if (!jwkText) throw new UsageError("register needs --jwk or --jwk-file");
    const device = await registerDevice(db, {
      id: values.id,
      name: values.name,
      location: values.location,
      wardId: values.ward,
      publicJwk: jwkText,
      by,
    });
    console.log(`Registered ${await formatDevice(device)}`);
    console.log("Check the thumbprint matches the one on the PC before you rely on it.");
  } else if (command === "list") {
    const devices = await listDevices(db);
    if (devices.length === 0) console.log("No ward PCs registered.");
    for (const device of devices) console.log(await formatDevice(device));
  } else if (command === "revoke" && id) {
    const device = await revokeDevice(db, id, by);
    console.log(`Revoked ${await formatDevice(device)}`);
    console.log("It is refused from now on; its open launcher sessions have ended.");
  } else {
    throw new UsageError(command ? `unknown or incomplete command: ${command}` : "no command given");
  }
}

process.exitCode = await runCommandCli({
  usage,
  help: Boolean(values.help),
  command,
  force: Boolean(values.force),
  name: "npm run device",
  table: "launcher_device",
  run,
});
