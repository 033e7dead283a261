import { declareRoute } from "@/lib/access/authorize";
import { getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { staffRoute } from "@/lib/server/http/staff-route";
import { syncPage } from "@/lib/sync/sync-feed";

const route = declareRoute("signed-in");

/** Offline cache feed: changes on the user's wards since a cursor, paged (lib/sync/sync-types.ts). */
export function GET(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const params = new URL(request.url).searchParams;
    const limit = Number(params.get("limit") ?? 200);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new AppError("bad_request", "limit: 1 to 500");
    // BYOD devices keep patient data for less time than ward PCs (docs/design.md section 7).
    const ttl = getConfig().offlineCacheTtlSeconds;
    const cacheTtlSeconds = principal.method === "byod" ? ttl.byod : ttl.launcher;
    const page = await syncPage(db, principal, {
      cursor: params.get("cursor") ?? undefined,
      limit,
      now: new Date(),
      cacheTtlSeconds,
    });
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  });
}
