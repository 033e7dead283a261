/** The FHIR route's HTTP contract: every refusal is an OperationOutcome with the right status. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "@/test/route-app.test-kit";

startTestApp();
const { POST } = await import("./route");
const { getAppContext } = await import("@/lib/runtime/app-context");
const { createApiClient } = await import("@/lib/api-clients/api-clients");

describe("POST /api/ingest/fhir", () => {
  let key: string;
  const post = (body: string, headers: Record<string, string>) =>
    POST(new Request("http://localhost/api/ingest/fhir", { method: "POST", body, headers }));
  beforeAll(async () => {
    key = (await createApiClient((await getAppContext()).db, { name: "FHIR feed", facilityCodes: ["RXD01"] }))
      .key;
  });
  afterAll(async () => (await getAppContext()).db.close());

  it("answers 401, 415 and 400 with OperationOutcomes", async () => {
    const unauthenticated = await post("{}", { "Content-Type": "application/fhir+json" });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({
      resourceType: "OperationOutcome",
      issue: [{ code: "login" }],
    });
    const wrongType = await post("{}", { "X-API-Key": key, "Content-Type": "text/plain" });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get("content-type")).toMatch(/application\/fhir\+json/);
    const notFhir = await post('{"hello":1}', { "X-API-Key": key, "Content-Type": "application/fhir+json" });
    expect(notFhir.status).toBe(400);
    expect(await notFhir.json()).toMatchObject({ resourceType: "OperationOutcome" });
  });

  it("applies a Patient posted on its own", async () => {
    const patient = {
      resourceType: "Patient",
      id: "pds-1",
      meta: { versionId: "2" },
      identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: "9990000018" }],
      name: [{ family: "Testpatient", given: ["Alex"] }],
    };
    const response = await post(JSON.stringify(patient), {
      "X-API-Key": key,
      "Content-Type": "application/fhir+json",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ resourceType: "OperationOutcome" });
  });
});
