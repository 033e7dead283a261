/**
 * Attack: forged forwarding headers. A client writes whatever it likes into X-Forwarded-For,
 * X-Real-IP or CloudFront-Viewer-Address; only what a trusted hop appended may name the client.
 */
import { describe, expect, it } from "vitest";
import { requestFacts } from "@/lib/server/http/request-facts";
import { clientAddress } from "../client-address";
import { noTrustedProxies, parseTrustedProxies } from "../trusted-proxies";

const from = (headers: Record<string, string>, trusted = noTrustedProxies) =>
  clientAddress(new Headers(headers), trusted);

describe("the client address behind forwarded headers", () => {
  it("ignores entries a client wrote on the left: rotating them changes nothing", () => {
    const seen = new Set(
      ["1.1.1.1", "2.2.2.2, 3.3.3.3", "10.9.9.9", "::1", "nonsense"].map((forged) =>
        from({ "X-Forwarded-For": `${forged}, 198.51.100.20` }),
      ),
    );
    expect([...seen]).toEqual(["198.51.100.20"]);
  });

  it("walks left only past trusted proxies", () => {
    const lb = parseTrustedProxies("10.0.0.0/8, fd00::/8");
    const chain = "203.0.113.99, 198.51.100.20, 10.1.2.3";
    expect(from({ "X-Forwarded-For": chain }, lb)).toBe("198.51.100.20");
    // Without trusting the load balancer its own address is all that may be believed.
    expect(from({ "X-Forwarded-For": chain })).toBe("10.1.2.3");
    expect(from({ "X-Forwarded-For": "203.0.113.99, 198.51.100.20, fd00::7" }, lb)).toBe("198.51.100.20");
    // A request from the trusted proxy itself (a health check) is the proxy.
    expect(from({ "X-Forwarded-For": "10.1.2.3" }, lb)).toBe("10.1.2.3");
  });

  it("believes CloudFront-Viewer-Address only when every request comes through CloudFront", () => {
    const headers = {
      "X-Forwarded-For": "6.6.6.6, 192.0.2.44",
      "CloudFront-Viewer-Address": "192.0.2.44:46532",
    };
    expect(from(headers, parseTrustedProxies("cloudfront"))).toBe("192.0.2.44");
    expect(from({ ...headers, "CloudFront-Viewer-Address": "6.6.6.6:1" })).toBe("192.0.2.44");
    expect(
      from({ "CloudFront-Viewer-Address": "2001:DB8::1:46532" }, parseTrustedProxies("cloudfront")),
    ).toBe("2001:db8::1");
    // Unreadable: fall back to X-Forwarded-For rather than take the header's word.
    expect(
      from({ ...headers, "CloudFront-Viewer-Address": "6.6.6.6" }, parseTrustedProxies("cloudfront")),
    ).toBe("192.0.2.44");
  });

  it("never reads X-Real-IP, and names what cannot be an address 'unknown'", () => {
    expect(requestFacts(new Headers({ "X-Real-IP": "6.6.6.6" }), noTrustedProxies).ip).toBe("local");
    expect(from({ "X-Forwarded-For": "1.1.1.1, <script>" })).toBe("unknown");
    expect(from({ "X-Forwarded-For": "::ffff:192.0.2.9" })).toBe("192.0.2.9");
    expect(from({ "X-Forwarded-For": "[2001:db8::2]:443" })).toBe("2001:db8::2");
    expect(from({ "X-Forwarded-For": "192.0.2.9:5123" })).toBe("192.0.2.9");
  });

  it("refuses a TRUSTED_PROXIES entry it cannot read", () => {
    expect(parseTrustedProxies(undefined)).toEqual(noTrustedProxies);
    expect(parseTrustedProxies(" 10.0.0.1 , CloudFront ,::1/128")).toEqual({
      cloudfront: true,
      networks: ["10.0.0.1/32", "::1/128"],
    });
    for (const bad of ["10.0.0.0/33", "example.org", "10.0.0.0/8/1", "::1/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad)).toThrow(/not an IP address, a CIDR range or "cloudfront"/);
    }
  });
});
