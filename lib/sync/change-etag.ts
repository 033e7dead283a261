/**
 * The change poll's ETag (RFC 9110 section 8.8.3) and its If-None-Match check (section 13.1.2):
 * an open ward list sends the ETag of its last answer and gets `304 Not Modified`, with no body,
 * while neither its ward's change token nor any feed age moved. `checkedAt` is left out on
 * purpose: it changes every poll, and a 304's own Date header says when the server confirmed it.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { FeedAge } from "@/lib/ward-list/feed-age";

export function changeEtag(token: string, feeds: readonly FeedAge[]): string {
  const facts = JSON.stringify([
    token,
    feeds.map((f) => [f.facilityCode, f.lastMessageAt, f.silenceMinutes]),
  ]);
  return `"${createHash("sha256").update(facts).digest("base64url").slice(0, 22)}"`;
}

/** True when `ifNoneMatch` (a list of entity tags, or `*`) names `etag`; weak comparison. */
export function noneMatchHits(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}
