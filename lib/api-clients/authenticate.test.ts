import { describe, expect, it } from "vitest";
import type { Queryable } from "@/lib/db/types";
import { ApiClientCache } from "./api-client-cache";
import { authenticateApiKey } from "./authenticate";

const key = `dtk_${"a".repeat(8)}_${"b".repeat(43)}`;

/** A database whose look-up fails the way a driver does, before any adapter translated it. */
const failing = (error: unknown): Queryable => ({
  query: async () => {
    throw error;
  },
});

describe("authenticateApiKey while the database is down", () => {
  it("answers unavailable (503, retry later), never unauthenticated or internal", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    for (const error of [
      refused,
      new Error("Connection terminated unexpectedly"),
      Object.assign(new Error(), { code: "57P01" }),
    ]) {
      await expect(
        authenticateApiKey(failing(error), key, { cache: new ApiClientCache() }),
      ).rejects.toMatchObject({ code: "unavailable", status: 503 });
    }
  });

  it("lets other database errors through unchanged", async () => {
    const missing = Object.assign(new Error('relation "api_client" does not exist'), { code: "42P01" });
    await expect(authenticateApiKey(failing(missing), key, { cache: new ApiClientCache() })).rejects.toBe(
      missing,
    );
  });
});
