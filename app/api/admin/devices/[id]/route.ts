import { declareRoute } from "@/lib/access/authorize";
import { revokeDevice } from "@/lib/auth/launcher/devices";
import { staffRoute } from "@/lib/server/http/staff-route";

const route = declareRoute("admin:devices");

/** Revoke a ward PC: its tokens and open sessions stop at once. */
export function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return staffRoute(route, async ({ db, principal }) => {
    const by = { userId: principal.userId, username: principal.username, method: principal.method };
    return Response.json(await revokeDevice(db, (await params).id, by));
  });
}
