"use server";
/**
 * The console's user forms (docs/design.md section 6, staff directory): create, edit, enable or
 * disable, grant and remove scope, unlock, reset TOTP. Each action authorises on the server, calls
 * one `lib/staff` function (which audits who, what, before and after) and answers a form state:
 * a refusal or bad input is a message on the form, never a 500.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authorize, declareRoute } from "@/lib/access/authorize";
import type { roles } from "@/lib/access/roles";
import type { Principal } from "@/lib/auth/principal";
import { resetEnrolment } from "@/lib/enrolment/printed-sheets";
import { getAppContext } from "@/lib/runtime/app-context";
import { currentPrincipal } from "@/lib/server/auth/current-principal";
import {
  type ChangedBy,
  changeStaffScope,
  createStaffUser,
  type ScopeChange,
  updateStaffUser,
} from "@/lib/staff/staff-directory";
import { unlockStaffUser } from "@/lib/staff/staff-unlock";
import { toAppError } from "@/lib/to-app-error";

const route = declareRoute("admin:users");

export interface UserFormState {
  error?: string;
  /** What was done, for the form's status line. */
  done?: string;
}

async function signedInAdmin(): Promise<{ principal: Principal; by: ChangedBy }> {
  const principal = route.authorize(await currentPrincipal())!;
  return { principal, by: { userId: principal.userId, username: principal.username } };
}

/** Runs one change and turns every failure (refusal, bad input, outage) into the form's message. */
async function attempt(work: () => Promise<string>, id?: string): Promise<UserFormState> {
  try {
    const done = await work();
    if (id) revalidatePath(`/admin/users/${id}`);
    return { done };
  } catch (error) {
    return { error: toAppError(error, "admin-users").message };
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const list = (value: string) =>
  value
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);
const chosenRoles = (form: FormData) =>
  form.getAll("roles").map(String) as unknown as (typeof roles)[number][];

export async function createUserAction(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const { by } = await signedInAdmin();
  let id = "";
  const state = await attempt(async () => {
    const { db } = await getAppContext();
    const user = await createStaffUser(
      db,
      {
        username: text(form, "username"),
        displayName: text(form, "displayName"),
        roles: chosenRoles(form),
        wards: form.getAll("wards").map(String).filter(Boolean),
        facilities: form.getAll("facilities").map(String).filter(Boolean),
        enabled: form.get("enabled") === "on",
        nonProdAllowed: form.get("nonProdAllowed") === "on",
      },
      by,
    );
    id = user.id;
    return "Created";
  });
  if (state.error) return state;
  redirect(`/admin/users/${id}?created=1`);
}

export async function updateUserAction(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const { by } = await signedInAdmin();
  const id = text(form, "id");
  return attempt(async () => {
    const { db } = await getAppContext();
    await updateStaffUser(
      db,
      id,
      {
        displayName: text(form, "displayName"),
        roles: chosenRoles(form),
        nonProdAllowed: form.get("nonProdAllowed") === "on",
      },
      by,
    );
    return "Saved";
  }, id);
}

export async function setEnabledAction(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const { by } = await signedInAdmin();
  const id = text(form, "id");
  const enabled = text(form, "enabled") === "true";
  return attempt(async () => {
    const { db } = await getAppContext();
    await updateStaffUser(db, id, { enabled }, by);
    return enabled ? "Enabled: the user can sign in again" : "Disabled: the user's sessions end at once";
  }, id);
}

/** `kind` ward or facility, `code`, and `change` grant or remove. */
export async function changeScopeAction(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const { by } = await signedInAdmin();
  const id = text(form, "id");
  const codes = list(text(form, "code"));
  const kind = text(form, "kind") === "facility" ? "Facilities" : "Wards";
  const change = text(form, "change") === "remove" ? "remove" : "grant";
  if (codes.length === 0) return { error: `Choose a ${kind === "Wards" ? "ward" : "facility"} first` };
  return attempt(async () => {
    const { db } = await getAppContext();
    const scope: ScopeChange = { [`${change}${kind}`]: codes };
    await changeStaffScope(db, id, scope, by);
    return `${change === "grant" ? "Granted" : "Removed"} ${codes.join(", ")}`;
  }, id);
}

export async function unlockAction(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const { by } = await signedInAdmin();
  const id = text(form, "id");
  return attempt(async () => {
    const { db } = await getAppContext();
    const { devicesCleared } = await unlockStaffUser(db, id, by);
    return devicesCleared > 0
      ? `Unlocked: failures cleared on ${devicesCleared} device${devicesCleared === 1 ? "" : "s"}`
      : "Nothing to unlock: no device was waiting";
  }, id);
}

/** Removes every TOTP credential (lost phone); needs admin:enrolment as well, as its API does. */
export async function resetTotpAction(_previous: UserFormState, form: FormData): Promise<UserFormState> {
  const { principal } = await signedInAdmin();
  const id = text(form, "id");
  return attempt(async () => {
    authorize(principal, { permission: "admin:enrolment" });
    const { db } = await getAppContext();
    const removed = await resetEnrolment(db, { userId: id, by: principal });
    return removed > 0
      ? "Phone sign-in reset: the user must enrol again"
      : "The user had no phone sign-in to reset";
  }, id);
}
