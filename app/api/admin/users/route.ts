import { declareRoute } from "@/lib/access/authorize";
import { jsonBody, staffRoute } from "@/lib/server/http/staff-route";
import { createStaffUser, listStaffUsers } from "@/lib/staff/staff-directory";
import type { StaffUserInputRaw } from "@/lib/staff/staff-schema";

const route = declareRoute("admin:users");

/** Staff directory: list (search, paged) and create. */
export function GET(request: Request) {
  return staffRoute(route, async ({ db }) => {
    const params = new URL(request.url).searchParams;
    const page = await listStaffUsers(db, {
      search: params.get("search") ?? undefined,
      limit: Number(params.get("limit") ?? 50),
      cursor: params.get("cursor") ?? undefined,
    });
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  });
}

export function POST(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const user = await createStaffUser(db, (await jsonBody(request)) as StaffUserInputRaw, {
      userId: principal.userId,
      username: principal.username,
    });
    return Response.json(user, { status: 201 });
  });
}
