/**
 * QR codes decoded by an independent reader (zbarimg, ZBar) must give back exactly the otpauth URI:
 * the PNG from qrcode.toFile, the PNG data URL, and the inline SVG the printed sheet carries
 * (rasterised here to a PGM image, module by module).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import { afterAll, describe, expect, it } from "vitest";
import { newTotpSecret, otpauthUri } from "@/lib/auth/totp/totp";
import { renderEnrolmentSheet } from "./enrolment-sheet-html";
import { qrPngDataUrl } from "./qr-code";

const dir = mkdtempSync(path.join(tmpdir(), "downtime-qr-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const uri = otpauthUri({ secret: newTotpSecret(), username: "trust\\jbloggs", environment: "cert" });

function zbarimg(file: string): string {
  const run = spawnSync("/usr/bin/zbarimg", ["--raw", "-q", file], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`zbarimg found no code (status ${run.status})`);
  return run.stdout.replace(/\n$/, "");
}

/** Draws qrcode's SVG (one stroked path of "M x y", "m dx dy", "h n" runs) as a greyscale PGM. */
function svgToPgm(svg: string, file: string): void {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? "";
  const scale = 6;
  const width = size * scale;
  const pixels = Buffer.alloc(width * width, 255);
  let x = 0;
  let y = 0;
  for (const [, command, a = "0", b = "0"] of d.matchAll(/([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?/g)) {
    if (command === "M") [x, y] = [Number(a), Number(b)];
    else if (command === "m") [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let column = x; column < x + Number(a); column++) {
        for (let i = 0; i < scale; i++) {
          pixels.fill(
            0,
            (Math.floor(y) * scale + i) * width + column * scale,
            (Math.floor(y) * scale + i) * width + (column + 1) * scale,
          );
        }
      }
      x += Number(a);
    }
  }
  writeFileSync(file, Buffer.concat([Buffer.from(`P5\n${width} ${width}\n255\n`), pixels]));
}

describe("enrolment QR codes", () => {
  it("a PNG written by qrcode.toFile decodes to exactly the URI", async () => {
    const file = path.join(dir, "card.png");
    await QRCode.toFile(file, uri, { errorCorrectionLevel: "M" });
    expect(zbarimg(file)).toBe(uri);
  });

  it("qrPngDataUrl decodes to exactly the URI", async () => {
    const dataUrl = await qrPngDataUrl(uri);
    expect(dataUrl.startsWith("data:image/png;base64,")).toBe(true);
    const file = path.join(dir, "data-url.png");
    writeFileSync(file, Buffer.from(dataUrl.slice("data:image/png;base64,".length), "base64"));
    expect(zbarimg(file)).toBe(uri);
  });

  it("the printed sheet's inline SVG decodes to exactly the URI", async () => {
    const card = {
      userId: "u",
      username: "trust\\jbloggs",
      displayName: "Joe",
      otpauthUri: uri,
      expiresAt: new Date(),
    };
    const html = await renderEnrolmentSheet({
      cards: [card],
      environment: "cert",
      generatedAt: new Date(),
      appOrigin: "https://downtime.example.nhs.uk",
    });
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    const file = path.join(dir, "sheet.pgm");
    svgToPgm(svg, file);
    expect(zbarimg(file)).toBe(uri);
  });
});
