/**
 * The printable enrolment sheet: a complete HTML document, A4 portrait, one card per user that
 * never splits across pages. Static by design: no scripts, no external resources (it is printed
 * from a locked-down ward PC and may be saved), every text value escaped. The QR codes are inline
 * SVG generated here from the URI, never markup from elsewhere.
 */
import type { AppEnvironment } from "@/lib/env";
import { escapeHtml } from "@/lib/escape-html";
import type { EnrolmentCard } from "./printed-sheets";
import { qrSvg } from "./qr-code";

const instructions =
  "Scan with Google Authenticator or Microsoft Authenticator, then sign in on your phone with your " +
  "Windows username and the 6-digit code";

function formatDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  }).format(date);
}

const styles = `
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; color: #000; margin: 0; }
header { margin-bottom: 6mm; font-size: 10pt; }
.env { font-weight: bold; border: 2px solid #000; padding: 1mm 2mm; display: inline-block; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.card { border: 1px dashed #000; padding: 4mm; break-inside: avoid; page-break-inside: avoid; }
.card h2 { font-size: 13pt; margin: 0 0 1mm; }
.username { font-family: "Courier New", monospace; font-size: 11pt; margin: 0 0 2mm; }
.qr svg { width: 45mm; height: 45mm; display: block; }
.card p { font-size: 9pt; margin: 2mm 0 0; }
.card .address { font-size: 10pt; overflow-wrap: anywhere; }
`;

/** "Open https://downtime.example.nhs.uk/sign-in on your phone": the address, in full, to type. */
export function signInAddress(appOrigin: string): string {
  return new URL("/sign-in", appOrigin).toString();
}

async function renderCard(
  card: EnrolmentCard,
  environmentLabel: string,
  timeZone: string,
  address: string,
): Promise<string> {
  const svg = await qrSvg(card.otpauthUri);
  return `<section class="card">
<h2>${escapeHtml(card.displayName)}</h2>
<p class="username">${escapeHtml(card.username)}</p>
<div class="qr" role="img" aria-label="Enrolment QR code for ${escapeHtml(card.username)}">${svg}</div>
<p>${escapeHtml(instructions)}.</p>
<p class="address">On your phone, open <strong>${escapeHtml(address)}</strong></p>
<p>Use by <strong>${escapeHtml(formatDate(card.expiresAt, timeZone))}</strong>. Keep this card private; shred it after use.</p>
${environmentLabel ? `<p class="env">${escapeHtml(environmentLabel)}</p>` : ""}
</section>`;
}

export async function renderEnrolmentSheet(input: {
  cards: readonly EnrolmentCard[];
  environment: AppEnvironment;
  generatedAt: Date;
  /** The app's public origin (PUBLIC_ORIGIN, else the request's), printed as the address to open. */
  appOrigin: string;
  timeZone?: string;
}): Promise<string> {
  const timeZone = input.timeZone ?? "Europe/London";
  const label =
    input.environment === "prod" ? "" : `${input.environment.toUpperCase()} environment, not live`;
  const cards = await Promise.all(
    input.cards.map((card) => renderCard(card, label, timeZone, signInAddress(input.appOrigin))),
  );
  const generated = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(input.generatedAt);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Downtime phone enrolment cards</title>
<style>${styles}</style>
</head>
<body>
<header>Downtime phone sign-in cards, printed ${escapeHtml(generated)}${label ? ` <span class="env">${escapeHtml(label)}</span>` : ""}</header>
<main class="cards">
${cards.join("\n")}
</main>
</body>
</html>
`;
}
