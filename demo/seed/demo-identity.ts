/**
 * Local and demo environments: one user per role, a registered demo ward PC whose private key
 * sits in the data folder (so the launcher can sign in on a developer machine), and phone
 * sign-in allowed at all times so both journeys can be tried without declaring downtime.
 */
import "server-only";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ensureDemoUsers } from "@/demo/seed/demo-users";
import { findDevice, registerDevice } from "@/lib/auth/launcher/devices";
import type { Database } from "@/lib/db/types";
import type { Config } from "@/lib/env";
import { log } from "@/lib/log";
import { readSetting, writeSetting } from "@/lib/settings/app-settings";

export const demoDeviceId = "DEMO-WARD-PC";

export function demoDeviceKeyPath(dataDir: string): string {
  return path.join(dataDir, `${demoDeviceId}.private.pem`);
}

async function ensureDemoDevice(db: Database, dataDir: string) {
  const keyPath = demoDeviceKeyPath(dataDir);
  if ((await findDevice(db, demoDeviceId)) && existsSync(keyPath)) return;
  if (await findDevice(db, demoDeviceId)) return; // registered but key lost: leave it; delete .data to reset
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  writeFileSync(keyPath, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
  await registerDevice(db, {
    id: demoDeviceId,
    name: "Demo ward PC",
    location: "Alder Ward nurses' station",
    publicJwk: { kty, crv, x, y, kid: demoDeviceId, alg: "ES256", use: "sig" },
    by: { username: "system", method: "system" },
  });
}

export async function ensureDemoIdentity(db: Database, config: Config): Promise<void> {
  const users = await ensureDemoUsers(db);
  await ensureDemoDevice(db, config.dataDir);
  const admin = users.find(({ user }) => user.roles.includes("admin"))?.user;
  if (admin && !(await readSetting(db, "byod-policy", z.unknown()))) {
    await writeSetting(db, "byod-policy", { policy: "always" }, admin.id, new Date());
  }
  const origin = config.publicOrigin ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const launch = (user: string) =>
    `DOWNTIME_LAUNCHER_USER=${user} USERDOMAIN=DEMO node launcher/downtime-launcher.mjs launch --device ${demoDeviceId} --key ${demoDeviceKeyPath(config.dataDir)} --app ${origin}`;
  log.info("demo.sign-in", { users: users.map(({ user }) => user.username).join(" ") });
  // For a person at the terminal, not the log pipeline: how to sign in as each demo role.
  console.log(
    [
      "",
      "Demo sign-in (synthetic users; local only):",
      ...users.map(
        ({ user }) =>
          `  ${user.roles.join(", ").padEnd(12)} ward PC:  ${launch(user.username.split("\\")[1]!)}`,
      ),
      "  Phones: sign in as a ward PC user, open /enrol, scan the QR code, then sign in at /sign-in on the phone.",
      "",
    ].join("\n"),
  );
}
