// `npm run facility -- <command>`: sets up the sites (facilities) and wards a fresh install needs
// before its feeds and API keys, against the configured database (getConfig, as the app). The
// same changes are offered to admins at /api/admin/facilities.
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { type FacilitySummary, listFacilitiesWithWards, type WardSummary } from "@/lib/census/facilities";
import { addWard, createFacility, renameFacility, updateWard } from "@/lib/census/facility-admin";
import type { Database } from "@/lib/db/types";
import { runCommandCli, UsageError } from "./cli/run-command";

const usage = `Usage: npm run facility -- <command>
  create <CODE> --name "Hillside Hospital"
                   CODE as feeds send it in PV1-3.4 or MSH-4: 2 to 20 of A-Z, 0-9, '-', '_'
  list
  rename <CODE> --name "Hillside General Hospital"
  add-ward <CODE> <WARD> --name "Heron Ward" --beds 24 [--specialty "Respiratory"]
                   WARD as feeds send it in PV1-3.1
  update-ward <CODE> <WARD> [--name "Heron Ward"] [--beds 28] [--specialty "…"; "" clears it]
Options:
  --force          open the embedded database even though it looks open in another process`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    beds: { type: "string" },
    specialty: { type: "string" },
    force: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
const [command, code, wardCode] = positionals;
// The audit log names who ran the command; there is no signed-in user here.
const by = { userId: null, username: `cli:${userInfo().username}`, method: "system" as const };

function beds(): number | undefined {
  if (values.beds === undefined) return undefined;
  const count = Number(values.beds);
  if (values.beds.trim() === "" || !Number.isInteger(count))
    throw new UsageError("--beds must be a whole number");
  return count;
}

function specialty(): string | null | undefined {
  if (values.specialty === undefined) return undefined;
  return values.specialty.trim() === "" ? null : values.specialty;
}

function formatWard(ward: WardSummary): string {
  const beds = `${ward.bedCount} beds`.padEnd(9);
  return `  ${ward.code.padEnd(10)}  ${beds}  ${ward.name}${ward.specialty ? ` (${ward.specialty})` : ""}`;
}

function formatFacility(facility: FacilitySummary): string {
  const beds = facility.wards.reduce((sum, ward) => sum + ward.bedCount, 0);
  const facts = [
    `${facility.wards.length} wards`,
    `${beds} beds`,
    ...(facility.loadedAsDemo ? ["demo"] : []),
  ];
  return `${facility.code.padEnd(10)}  ${facility.name}  (${facts.join(", ")})`;
}

async function run(db: Database): Promise<void> {
  const needs = (...options: ("name" | "beds")[]) => {
    const missing = options.filter((option) => values[option] === undefined);
    if (missing.length > 0)
      throw new UsageError(`${command} needs ${missing.map((o) => `--${o}`).join(" and ")}`);
  };
  if (command === "create" && code) {
    needs("name");
    const facility = await createFacility(db, { code, name: values.name }, by);
    console.log(`Created ${formatFacility(facility)}`);
    console.log(
      `Next: add its wards (npm run facility -- add-ward ${facility.code} …), then issue its feed's key ` +
        `(npm run api-key -- create --name … --facility ${facility.code}).`,
    );
  } else if (command === "list") {
    const facilities = await listFacilitiesWithWards(db);
    if (facilities.length === 0)
      console.log("No facilities. Create one: npm run facility -- create <CODE> --name …");
    for (const facility of facilities) {
      console.log(formatFacility(facility));
      for (const ward of facility.wards) console.log(formatWard(ward));
    }
  } else if (command === "rename" && code) {
    needs("name");
    console.log(`Renamed ${formatFacility(await renameFacility(db, code, { name: values.name }, by))}`);
  } else if (command === "add-ward" && code && wardCode) {
    needs("name", "beds");
    const input = {
      code: wardCode,
      name: values.name,
      bedCount: beds(),
      specialty: specialty() ?? undefined,
    };
    console.log(`Added to ${code}:\n${formatWard(await addWard(db, code, input, by))}`);
  } else if (command === "update-ward" && code && wardCode) {
    const change = { name: values.name, bedCount: beds(), specialty: specialty() };
    console.log(`Updated at ${code}:\n${formatWard(await updateWard(db, code, wardCode, change, by))}`);
  } else {
    throw new UsageError(command ? `unknown or incomplete command: ${command}` : "no command given");
  }
}

process.exitCode = await runCommandCli({
  usage,
  help: Boolean(values.help),
  command,
  force: Boolean(values.force),
  name: "npm run facility",
  table: "facility",
  run,
});
