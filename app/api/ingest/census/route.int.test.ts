/** The JSON census route: validation naming the field, scope, idempotency. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "@/test/route-app.test-kit";

startTestApp();
const { POST } = await import("./route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { createApiClient } = await import("@/lib/api-clients/api-clients");
const { currentCensus } = await import("@/lib/census/census-queries");

const admission = {
  messageId: "J-1",
  events: [
    {
      kind: "admit",
      facilityCode: "RXD01",
      eventAt: "2026-11-20T10:00:00Z",
      patient: {
        mrn: "J0001",
        nhsNumber: "943 476 5919",
        demographics: { familyName: "Okoro", givenNames: "Ifeoma", birthDate: "1950-06-01" },
      },
      visit: { visitNumber: "JV1", location: { ward: "ALD101", bed: "B07" } },
    },
  ],
};

describe("POST /api/ingest/census", () => {
  let key: string;
  const post = (body: unknown, contentType = "application/json") =>
    POST(
      new Request("http://localhost/api/ingest/census", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "X-API-Key": key, "Content-Type": contentType },
      }),
    );

  beforeAll(async () => {
    key = (await createApiClient((await getAppContext()).db, { name: "JSON feed", facilityCodes: ["RXD01"] }))
      .key;
  });
  afterAll(async () => (await getAppContext()).db.close());

  it("applies events and answers applied, then duplicate", async () => {
    const first = await post(admission);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: "applied", notes: [] });
    expect(await (await post(admission)).json()).toMatchObject({ status: "duplicate" });
    const census = await currentCensus((await getAppContext()).db);
    expect(census.filter((row) => row.mrn === "J0001")).toMatchObject([
      { wardCode: "ALD101", bed: "B07", nhsNumber: "9434765919" },
    ]);
  });

  it("names the first bad field as a JSON pointer in a problem response", async () => {
    const bad = structuredClone(admission);
    bad.messageId = "J-2";
    bad.events[0]!.patient.nhsNumber = "9434765918";
    const response = await post(bad);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 400, location: "/events/0/patient/nhsNumber" });
    const noVisit = { messageId: "J-3", events: [{ ...admission.events[0], visit: undefined }] };
    expect(await (await post(noVisit)).json()).toMatchObject({ location: "/events/0/visit" });
    expect((await post({ ...admission, messageId: "J-4", extra: 1 })).status).toBe(400);
  });

  it("refuses another site's events with 403 and non-JSON with 415", async () => {
    const elsewhere = structuredClone(admission);
    elsewhere.messageId = "J-5";
    elsewhere.events[0]!.facilityCode = "RXD02";
    expect((await post(elsewhere)).status).toBe(403);
    expect((await post(admission, "text/plain")).status).toBe(415);
  });
});
