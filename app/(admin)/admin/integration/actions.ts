"use server";
/**
 * The console's API key changes (docs/design.md section 6): the same domain functions as
 * `npm run api-key` and /api/admin/api-keys, audited with the admin's session. A new or rotated
 * key is returned to the form once and stored nowhere.
 */
import { revalidatePath } from "next/cache";
import { declareRoute } from "@/lib/access/authorize";
import { createApiClient, revokeApiClient, rotateApiClient } from "@/lib/api-clients/api-clients";
import { actorFields } from "@/lib/audit/actor-fields";
import { getAppContext } from "@/lib/runtime/app-context";
import { forgetFeedSilence } from "@/lib/runtime/current-feed-silence";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import { toAppError } from "@/lib/to-app-error";

const route = declareRoute("admin:settings");

export interface KeyFormState {
  /** The key, shown once. */
  issued?: { clientId: string; name: string; key: string };
  message?: string;
  error?: string;
}

async function run(
  work: (by: ReturnType<typeof actorFields>) => Promise<KeyFormState>,
): Promise<KeyFormState> {
  try {
    const principal = route.authorize(await currentPrincipal())!;
    const state = await work(actorFields(principal));
    // A revoked key's sources are no longer watched: the banner is evaluated again.
    forgetFeedSilence();
    revalidatePath("/admin", "layout");
    return state;
  } catch (error) {
    const refusal = toAppError(error, "admin.api-keys");
    return {
      error: refusal.code === "internal" ? "Something went wrong; nothing was changed." : refusal.message,
    };
  }
}

function list(text: FormDataEntryValue | null): string[] {
  return String(text ?? "")
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export async function createKeyAction(_previous: KeyFormState, form: FormData): Promise<KeyFormState> {
  return run(async (by) => {
    const rate = String(form.get("rateLimitPerMinute") ?? "").trim();
    const { db } = await getAppContext();
    const issued = await createApiClient(
      db,
      {
        name: String(form.get("name") ?? ""),
        facilityCodes: form.getAll("facilityCodes").map(String),
        ...(rate ? { rateLimitPerMinute: Number(rate) } : {}),
        mrnAuthorities: list(form.get("mrnAuthorities")),
      },
      { by },
    );
    return { issued: { clientId: issued.client.id, name: issued.client.name, key: issued.key } };
  });
}

export async function revokeKeyAction(_previous: KeyFormState, form: FormData): Promise<KeyFormState> {
  return run(async (by) => {
    const { db } = await getAppContext();
    const client = await revokeApiClient(db, String(form.get("id") ?? ""), { by });
    return { message: `Revoked ${client.name}. Other app instances stop accepting it within 30 seconds.` };
  });
}

export async function rotateKeyAction(_previous: KeyFormState, form: FormData): Promise<KeyFormState> {
  return run(async (by) => {
    const { db } = await getAppContext();
    const issued = await rotateApiClient(db, String(form.get("id") ?? ""), { by });
    return { issued: { clientId: issued.client.id, name: issued.client.name, key: issued.key } };
  });
}
