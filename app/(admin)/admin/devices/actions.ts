"use server";
/**
 * Ward PC changes from the console: register a PC from the public JWK its launcher printed,
 * change its name and location, revoke it (its tokens are refused from then on and its open
 * launcher sessions end at once). Each is one `device.changed` audit row (lib/auth/launcher/devices.ts).
 */
import { revalidatePath } from "next/cache";
import { declareRoute } from "@/lib/access/authorize";
import { registerDevice, revokeDevice, updateDeviceDetails } from "@/lib/auth/launcher/devices";
import { jwkThumbprint } from "@/lib/auth/launcher/launcher-jwk";
import { jwkFromPastedText } from "@/lib/auth/launcher/pasted-jwk";
import type { Principal } from "@/lib/auth/principal";
import { type ConsoleActionState, runConsoleAction } from "@/lib/server/http/console-action";

const route = declareRoute("admin:devices");
// Checked on the server on every call, by runConsoleAction.
const authorize = (principal: Principal | null) => route.authorize(principal);

const actor = (principal: Principal) => ({
  userId: principal.userId,
  username: principal.username,
  method: principal.method,
  sessionId: principal.sessionId,
});
const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function registerDeviceAction(_previous: ConsoleActionState, form: FormData) {
  return runConsoleAction(route, authorize, async ({ db, principal }) => {
    const id = text(form, "id").trim();
    const jwk = jwkFromPastedText(text(form, "publicJwk"), id);
    const device = await registerDevice(db, {
      id,
      name: text(form, "name"),
      location: text(form, "location"),
      publicJwk: jwk,
      by: actor(principal),
    });
    revalidatePath("/admin/devices");
    const thumbprint = await jwkThumbprint(device.publicJwk);
    return {
      message: `Registered ${device.id}. Check that the PC printed the thumbprint ${thumbprint}.`,
    };
  });
}

export async function updateDeviceAction(_previous: ConsoleActionState, form: FormData) {
  return runConsoleAction(route, authorize, async ({ db, principal }) => {
    const device = await updateDeviceDetails(
      db,
      text(form, "id"),
      { name: text(form, "name"), location: text(form, "location") },
      actor(principal),
    );
    revalidatePath("/admin/devices");
    return { message: `Saved ${device.id}.` };
  });
}

export async function revokeDeviceAction(_previous: ConsoleActionState, form: FormData) {
  return runConsoleAction(route, authorize, async ({ db, principal }) => {
    const device = await revokeDevice(db, text(form, "id"), actor(principal));
    revalidatePath("/admin/devices");
    return {
      message: `Revoked ${device.id}: it can no longer sign anyone in, and its open sessions have ended.`,
    };
  });
}
