import { describe, expect, it, vi } from "vitest";
import { dsqlClusterId, dsqlConnectionMaxLifetimeSeconds, dsqlPoolConfig } from "./dsql";

describe("dsqlPoolConfig", () => {
  const signer = {
    getDbConnectAdminAuthToken: vi.fn(async () => "admin-token"),
    getDbConnectAuthToken: vi.fn(async () => "role-token"),
  };

  it("requires verified TLS and retires connections before DSQL's 60-minute limit", () => {
    const config = dsqlPoolConfig(
      { endpoint: "abc.dsql.eu-west-2.on.aws", region: "eu-west-2", user: "admin" },
      signer,
    );
    expect(config.ssl).toEqual({ rejectUnauthorized: true });
    expect(config.maxLifetimeSeconds).toBe(dsqlConnectionMaxLifetimeSeconds);
    expect(dsqlConnectionMaxLifetimeSeconds).toBeLessThan(60 * 60);
    expect(config.database).toBe("postgres");
  });

  it("signs a fresh token per connection, with the admin action only for the admin role", async () => {
    const admin = dsqlPoolConfig(
      { endpoint: "abc.dsql.eu-west-2.on.aws", region: "eu-west-2", user: "admin" },
      signer,
    );
    const app = dsqlPoolConfig(
      { endpoint: "abc.dsql.eu-west-2.on.aws", region: "eu-west-2", user: "downtime_app" },
      signer,
    );
    const password = (config: typeof admin) => (config.password as () => Promise<string>)();
    expect(await password(admin)).toBe("admin-token");
    expect(await password(admin)).toBe("admin-token");
    expect(signer.getDbConnectAdminAuthToken).toHaveBeenCalledTimes(2);
    expect(await password(app)).toBe("role-token");
  });

  it("takes the cluster id from the endpoint", () => {
    expect(dsqlClusterId("abcdefghijklmnopqrstuvwxyz.dsql.us-east-1.on.aws")).toBe(
      "abcdefghijklmnopqrstuvwxyz",
    );
  });
});
