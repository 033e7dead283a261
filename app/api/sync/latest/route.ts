import { declareRoute } from "@/lib/access/authorize";
import { isUuid } from "@/lib/access/uuid";
import { readFeedAges } from "@/lib/census/feed-ages";
import { getConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { staffRoute } from "@/lib/server/http/staff-route";
import { changeEtag, noneMatchHits } from "@/lib/sync/change-etag";
import { sharedChangeCache } from "@/lib/sync/change-token-cache";
import { latestChange } from "@/lib/sync/latest-change";

const route = declareRoute("signed-in");

/**
 * A cheap change token for the user's wards, polled by open screens (no patient data). An
 * unchanged token confirms the screen's data as of `checkedAt`, so "as of" stays true while online.
 * `?ward=<id>` narrows it to the ward an open ward list shows (see `latestChange`). It also carries
 * every facility's feed age (lib/census/feed-ages.ts): the poll is the screens' heartbeat, so a feed
 * falling silent shows on an open screen within one poll.
 * Answered with an ETag over the token and feed ages; a poll sending it back in If-None-Match gets
 * `304 Not Modified` (no body; its Date header is the time confirmed) while neither moved. Both are
 * read through the short per-process cache (lib/sync/change-token-cache.ts). The session and ward
 * scope are still checked on every poll.
 */
export function GET(request: Request) {
  return staffRoute(route, async ({ db, principal }) => {
    const ward = new URL(request.url).searchParams.get("ward");
    if (ward !== null && !isUuid(ward)) throw new AppError("bad_request", "ward must be a ward id (UUID)");
    const checkedAt = new Date().toISOString();
    const cache = sharedChangeCache();
    const change = await latestChange(db, principal, ward ?? undefined, cache);
    const feeds = await cache.get("feeds", () => readFeedAges(db, getConfig().feedSilenceMinutes));
    const etag = changeEtag(change.token, feeds);
    const headers = { "Cache-Control": "no-store", ETag: etag };
    if (noneMatchHits(request.headers.get("if-none-match"), etag))
      return new Response(null, { status: 304, headers });
    return Response.json({ ...change, checkedAt, feeds }, { headers });
  });
}
