import { describe, expect, it, vi } from "vitest";
import { isConnectionRefusal, withConnectRetry } from "./connect-retry";

const rateExceeded = () =>
  Object.assign(new Error("Unable to accept connection, rate exceeded."), { code: "53400" });
const noWait = { sleep: async () => {}, random: () => 0.5 };

describe("withConnectRetry", () => {
  it("tries again when DSQL refuses a new connection for the rate, with growing jittered pauses", async () => {
    const sleep = vi.fn(async (_ms: number) => {});
    let calls = 0;
    const connect = async () => {
      calls++;
      if (calls < 3) throw rateExceeded();
      return "client";
    };
    expect(await withConnectRetry(connect, { ...noWait, sleep })).toBe("client");
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([25, 50]);
  });

  it("gives up after its attempts", async () => {
    const connect = vi.fn(async () => {
      throw rateExceeded();
    });
    await expect(withConnectRetry(connect, { ...noWait, attempts: 3 })).rejects.toMatchObject({
      code: "53400",
    });
    expect(connect).toHaveBeenCalledTimes(3);
  });

  it("does not retry a failure that may have reached the server", async () => {
    const connect = vi.fn(async () => {
      throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    });
    await expect(withConnectRetry(connect, noWait)).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it("knows a refusal by code or by DSQL's message", () => {
    expect(isConnectionRefusal({ code: "53300" })).toBe(true);
    expect(isConnectionRefusal(new Error("Unable to accept connection, too many open connections."))).toBe(
      true,
    );
    expect(isConnectionRefusal({ code: "40001" })).toBe(false);
  });
});
