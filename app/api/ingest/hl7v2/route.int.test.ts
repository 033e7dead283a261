/** The HL7 v2 route over its HTTP contract: auth, media type, size, rate limit, ACK status codes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "@/test/route-app.test-kit";

startTestApp({ MAX_MESSAGE_BYTES: "4000" });
const { POST } = await import("./route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { createApiClient, revokeApiClient } = await import("@/lib/api-clients/api-clients");
const { parseHl7 } = await import("@/lib/hl7/parse");

const admit = (control: string) =>
  [
    `MSH|^~\\&|PAS|RXD01|DOWNTIME|RXD01|20261120101000||ADT^A01^ADT_A01|${control}|P|2.4`,
    "EVN|A01|20261120101000",
    "PID|1||RXD0000001^^^RXD01^MR||JONES^ALED||19450302|M",
    "PV1|1|I|ALD101^BAY1^B03^RXD01||||||||||||||||V0001",
  ].join("\r");

const post = (body: string, headers: Record<string, string>) =>
  POST(new Request("http://localhost/api/ingest/hl7v2", { method: "POST", body, headers }));
const msa = async (response: Response) => parseHl7(await response.text()).get("MSA-1");

describe("POST /api/ingest/hl7v2", () => {
  let key: string;
  let slowKey: string;
  let revokedKey: string;
  beforeAll(async () => {
    const { db } = await getAppContext();
    key = (await createApiClient(db, { name: "PAS feed", facilityCodes: ["RXD01"] })).key;
    slowKey = (
      await createApiClient(db, { name: "Slow feed", facilityCodes: ["RXD01"], rateLimitPerMinute: 2 })
    ).key;
    const revoked = await createApiClient(db, { name: "Old feed", facilityCodes: ["RXD01"] });
    revokedKey = revoked.key;
    await revokeApiClient(db, revoked.client.id);
  });
  afterAll(async () => (await getAppContext()).db.close());

  it("applies a message sent with a valid key: 200 + AA", async () => {
    const response = await post(admit("R-1"), {
      Authorization: `Bearer ${key}`,
      "Content-Type": "x-application/hl7-v2+er7",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/hl7-v2/);
    expect(await msa(response)).toBe("AA");
  });

  it("accepts the key in X-API-Key with text/plain", async () => {
    const response = await post(admit("R-2"), { "X-API-Key": key, "Content-Type": "text/plain" });
    expect(await msa(response)).toBe("AA");
  });

  it("refuses a missing, wrong or revoked key with 401, each with an ACK", async () => {
    const missing = await post(admit("R-3"), {});
    expect(missing.status).toBe(401);
    const missingAck = parseHl7(await missing.text());
    expect(missingAck.get("MSA-1")).toBe("AR");
    expect(missingAck.get("MSA-2")).toBe("R-3");
    const wrong = await post(admit("R-3"), { Authorization: `Bearer ${key.slice(0, -4)}AAAA` });
    expect(wrong.status).toBe(401);
    const revoked = await post(admit("R-3"), { Authorization: `Bearer ${revokedKey}` });
    expect(revoked.status).toBe(401);
    // Each refusal leaves a trace naming the key by its prefix, never its secret.
    const { db } = await getAppContext();
    const { rows } = await db.query<{ detail: string }>(
      "SELECT detail::text AS detail FROM audit_event WHERE action = 'access.refused' ORDER BY occurred_at",
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((row) => row.detail).join(" ")).not.toContain(key.slice(13));
  });

  it("refuses JSON with 415 and an oversized body with 413", async () => {
    expect((await post(admit("R-4"), { "X-API-Key": key, "Content-Type": "application/json" })).status).toBe(
      415,
    );
    const big = `${admit("R-5")}\rNTE|1||${"x".repeat(5000)}`;
    const response = await post(big, { "X-API-Key": key, "Content-Type": "text/plain" });
    expect(response.status).toBe(413);
    expect(await msa(response)).toBe("AR");
  });

  it("answers 400 for a body that is not HL7", async () => {
    expect((await post("hello", { "X-API-Key": key })).status).toBe(400);
  });

  it("rate-limits per key with 429 + Retry-After and an AE", async () => {
    await post(admit("S-1"), { "X-API-Key": slowKey });
    await post(admit("S-2"), { "X-API-Key": slowKey });
    const limited = await post(admit("S-3"), { "X-API-Key": slowKey });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const ack = parseHl7(await limited.text());
    expect(ack.get("MSA-1")).toBe("AE");
    // The engine can match the refusal to the message it sent.
    expect(ack.get("MSA-2")).toBe("S-3");
    expect(ack.get("MSH-5")).toBe("PAS");
    // Another key is not affected.
    expect((await post(admit("R-6"), { "X-API-Key": key })).status).toBe(200);
  });
});
