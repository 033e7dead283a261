import { describe, expect, it } from "vitest";
import { appEnvironments } from "@/lib/env";
import { inProcessPurgeScope } from "./purge-scope";

describe("purge scope", () => {
  it("limits only the local shape's in-process timer to the demo hospital", () => {
    for (const appEnv of appEnvironments) {
      expect(inProcessPurgeScope(appEnv), appEnv).toBe(appEnv === "local" ? "demo-only" : "all");
    }
  });
});
