"use server";
/**
 * Facility and ward changes from the console: rename a facility or a ward, and mark a ward the
 * feed created as reviewed. Each is a `setting.changed` audit row with who, before and after
 * (lib/census/facility-admin.ts).
 */
import { revalidatePath } from "next/cache";
import { declareRoute } from "@/lib/access/authorize";
import { actorFields } from "@/lib/audit/actor-fields";
import type { Principal } from "@/lib/auth/principal";
import { markWardReviewed, renameFacility, updateWard } from "@/lib/census/facility-admin";
import { type ConsoleActionState, runConsoleAction } from "@/lib/server/http/console-action";

const route = declareRoute("admin:settings");
// Checked on the server on every call, by runConsoleAction.
const authorize = (principal: Principal | null) => route.authorize(principal);

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function renameFacilityAction(_previous: ConsoleActionState, form: FormData) {
  return runConsoleAction(route, authorize, async ({ db, principal }) => {
    const code = text(form, "facility");
    const facility = await renameFacility(db, code, { name: text(form, "name") }, actorFields(principal));
    revalidatePath("/admin/facilities");
    return { message: `Renamed ${facility.code} to ${facility.name}.` };
  });
}

export async function renameWardAction(_previous: ConsoleActionState, form: FormData) {
  return runConsoleAction(route, authorize, async ({ db, principal }) => {
    const facility = text(form, "facility");
    const ward = await updateWard(
      db,
      facility,
      text(form, "ward"),
      { name: text(form, "name") },
      actorFields(principal),
    );
    revalidatePath("/admin/facilities");
    return { message: `Renamed ${facility}/${ward.code} to ${ward.name}.` };
  });
}

export async function markWardReviewedAction(_previous: ConsoleActionState, form: FormData) {
  return runConsoleAction(route, authorize, async ({ db, principal }) => {
    const facility = text(form, "facility");
    const ward = text(form, "ward");
    const { reviewed } = await markWardReviewed(db, facility, ward, actorFields(principal));
    revalidatePath("/admin/facilities");
    return {
      message: reviewed ? `Marked ${facility}/${ward} reviewed.` : `${facility}/${ward} needed no review.`,
    };
  });
}
