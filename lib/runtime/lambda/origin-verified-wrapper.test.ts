/**
 * The server function's wrapper (ADR 0004): a POST with a body reaches OpenNext's handler only
 * when CloudFront's origin secret is on it; straight to the function URL it is a 403.
 */
import type { Wrapper } from "@opennextjs/aws/types/overrides.js";
import { describe, expect, it, vi } from "vitest";
import { originVerifyHeader } from "@/lib/security/origin-verify";
import { originVerifiedWrapper } from "./origin-verified-wrapper";

const secret = "s".repeat(48);

function harness() {
  const inner = vi.fn(async (event: unknown) => ({ statusCode: 200, body: JSON.stringify(event) }));
  const base = { name: "fake", supportStreaming: false, wrapper: async () => inner } as unknown as Wrapper;
  return { inner, wrapper: originVerifiedWrapper(base, () => secret) };
}

const post = (headers: Record<string, string>) => ({
  version: "2.0",
  rawPath: "/api/ingest/hl7",
  headers: { "content-type": "application/hl7-v2", ...headers },
  body: "MSH|^~\\&|EPR|TRUST|DOWNTIME|TRUST|20260101000000||ADT^A01|1|P|2.5",
  requestContext: { http: { method: "POST" } },
});

describe("originVerifiedWrapper", () => {
  it("passes a POST body through unchanged when the origin secret is present", async () => {
    const { inner, wrapper } = harness();
    const handle = await wrapper.wrapper(vi.fn(), {} as never);
    const event = post({ [originVerifyHeader]: secret });
    const response = await handle(event);
    expect(response.statusCode).toBe(200);
    expect(inner).toHaveBeenCalledWith(event);
  });

  it("answers 403 without calling the app when the request skipped CloudFront", async () => {
    const { inner, wrapper } = harness();
    const handle = await wrapper.wrapper(vi.fn(), {} as never);
    const response = await handle(post({ [originVerifyHeader]: "wrong".repeat(10) }));
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body).status).toBe(403);
    expect(inner).not.toHaveBeenCalled();
  });

  it("lets OpenNext's warmer through, and refuses to start without a configured secret", async () => {
    const { inner, wrapper } = harness();
    const handle = await wrapper.wrapper(vi.fn(), {} as never);
    await handle({ type: "warmer", delay: 0 });
    expect(inner).toHaveBeenCalledTimes(1);
    const unconfigured = originVerifiedWrapper(wrapper, () => undefined);
    await expect(unconfigured.wrapper(vi.fn(), {} as never)).rejects.toThrow(/ORIGIN_VERIFY_SECRETS/);
  });
});
