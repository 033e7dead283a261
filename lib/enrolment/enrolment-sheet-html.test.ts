import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/escape-html";
import { renderEnrolmentSheet } from "./enrolment-sheet-html";
import type { EnrolmentCard } from "./printed-sheets";

const card = (overrides: Partial<EnrolmentCard> = {}): EnrolmentCard => ({
  userId: "0b8f2c2e-0000-4000-8000-000000000001",
  username: "trust\\jbloggs",
  displayName: "Joe Bloggs",
  otpauthUri:
    "otpauth://totp/Downtime%20(CERT):trust%5Cjbloggs?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Downtime%20(CERT)",
  expiresAt: new Date("2026-12-04T12:00:00Z"),
  ...overrides,
});
const generatedAt = new Date("2026-11-20T08:00:00Z");
const appOrigin = "https://downtime.example.nhs.uk";

describe("renderEnrolmentSheet", () => {
  it("is a complete A4 document with unsplittable cards and no scripts", async () => {
    const html = await renderEnrolmentSheet({
      cards: [card(), card()],
      environment: "prod",
      generatedAt,
      appOrigin,
    });
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("@page { size: A4; margin: 12mm; }");
    expect(html).toMatch(/\.card \{[^}]*break-inside: avoid/);
    expect(html.match(/<section class="card">/g)).toHaveLength(2);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|javascript:|\son\w+=/i);
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toContain("environment, not live");
  });

  it("shows the name, username, instructions and the en-GB expiry", async () => {
    const html = await renderEnrolmentSheet({ cards: [card()], environment: "prod", generatedAt, appOrigin });
    expect(html).toContain("<h2>Joe Bloggs</h2>");
    expect(html).toContain("trust\\jbloggs");
    expect(html).toContain(
      "Scan with Google Authenticator or Microsoft Authenticator, then sign in on your phone with your Windows username and the 6-digit code",
    );
    expect(html).toContain("4 December 2026");
  });

  it("says on every card which web address to open on the phone", async () => {
    const html = await renderEnrolmentSheet({
      cards: [card(), card()],
      environment: "prod",
      generatedAt,
      appOrigin: "https://downtime.trust.nhs.uk/",
    });
    expect(
      html.match(/On your phone, open <strong>https:\/\/downtime\.trust\.nhs\.uk\/sign-in<\/strong>/g),
    ).toHaveLength(2);
  });

  it("labels non-production sheets on every card", async () => {
    const html = await renderEnrolmentSheet({
      cards: [card(), card()],
      environment: "cert",
      generatedAt,
      appOrigin,
    });
    expect(html.match(/CERT environment, not live/g)).toHaveLength(3);
  });

  it("escapes hostile names so they stay inert text", async () => {
    const hostile = card({
      displayName: "<script>alert(1)</script>",
      username: 'trust\\x"><img src=x onerror=alert(1)>',
    });
    const html = await renderEnrolmentSheet({
      cards: [hostile],
      environment: "prod",
      generatedAt,
      appOrigin,
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});
