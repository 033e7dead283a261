import { declareRoute } from "@/lib/access/authorize";
import { AppError } from "@/lib/errors";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";
import { getStaffUser, type StaffUserPatchRaw, updateStaffUser } from "@/lib/staff/staff-directory";

const route = declareRoute("admin:users");

type Params = { params: Promise<{ id: string }> };

export function GET(_request: Request, { params }: Params) {
  return staffRoute(route, async ({ db }) => {
    const user = await getStaffUser(db, (await params).id);
    if (!user) throw new AppError("not_found", "No such user");
    return Response.json(user, { headers: { "Cache-Control": "no-store" } });
  });
}

/**
 * Update any field, including `enabled: false` to disable (sessions end on their next request).
 * An admin's own roles and scope are refused (403, audited): another admin must change them.
 */
export function PATCH(request: Request, { params }: Params) {
  return staffRoute(route, async ({ db, principal }) => {
    const patch = (await jsonBody(request)) as StaffUserPatchRaw;
    const user = await updateStaffUser(db, (await params).id, patch, {
      userId: principal.userId,
      username: principal.username,
    });
    return Response.json(user);
  });
}
