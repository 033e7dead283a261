// `npm run user -- <command>`: creates and lists staff accounts against the configured database
// (getConfig, as the app). Its job is the first admin of a fresh install, who then manages everyone
// else in the app (/api/admin/users); the same directory rules apply (lib/staff/staff-directory.ts).
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import type { Database } from "@/lib/db/types";
import { createStaffUser, listStaffUsers, type StaffUser } from "@/lib/staff/staff-directory";
import { runCommandCli, UsageError } from "./cli/run-command";

const usage = `Usage: npm run user -- <command>
  create --username 'TRUST\\jbloggs' --name "Jo Bloggs" --role admin [--role ig-auditor]
         [--ward RXD01/ALD101]... [--facility RXD01]...
         roles: clinician, ward-clerk, admin, ig-auditor; wards and facilities give clinical scope
  list [--search text]
Options:
  --force          open the embedded database even though it looks open in another process`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    username: { type: "string" },
    name: { type: "string" },
    role: { type: "string", multiple: true },
    ward: { type: "string", multiple: true },
    facility: { type: "string", multiple: true },
    search: { type: "string" },
    force: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
const [command] = positionals;
// The audit log names who ran the command; there is no signed-in user here.
const by = { username: `cli:${userInfo().username}` };

function formatUser(user: StaffUser): string {
  const scope = [
    ...user.facilities.map((f) => f.code),
    ...user.wards.map((w) => `${w.facilityCode}/${w.code}`),
  ];
  return [
    user.username.padEnd(28),
    (user.enabled ? "enabled" : "disabled").padEnd(9),
    user.roles.join(",").padEnd(24),
    scope.join(",") || "-",
    user.displayName,
  ].join("  ");
}

async function run(db: Database): Promise<void> {
  if (command === "create") {
    if (!values.username || !values.name || !values.role?.length) {
      throw new UsageError("create needs --username, --name and at least one --role");
    }
    const user = await createStaffUser(
      db,
      {
        username: values.username,
        displayName: values.name,
        roles: values.role as StaffUser["roles"],
        ...(values.ward?.length ? { wards: values.ward } : {}),
        ...(values.facility?.length ? { facilities: values.facility } : {}),
      },
      by,
    );
    console.log(`Created ${formatUser(user)}`);
    console.log(
      "Ward PC staff sign in through the launcher; a phone needs an enrolment sheet (POST /api/admin/users/{id}/enrolment).",
    );
  } else if (command === "list") {
    const { users } = await listStaffUsers(db, { search: values.search, limit: 500 });
    if (users.length === 0) console.log("No staff accounts.");
    for (const user of users) console.log(formatUser(user));
  } else {
    throw new UsageError(command ? `unknown or incomplete command: ${command}` : "no command given");
  }
}

process.exitCode = await runCommandCli({
  usage,
  help: Boolean(values.help),
  command,
  force: Boolean(values.force),
  name: "npm run user",
  table: "staff_user",
  run,
});
