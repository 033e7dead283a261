#!/usr/bin/env node
// Draws Downtime's app icons (a white "D" on the slate header colour) pixel by pixel and writes
// them as PNGs with Node built-ins only: zlib deflate for IDAT and a CRC-32 table (PNG spec,
// ISO/IEC 15948 §5.3-5.5 and Annex D). Run it when the design changes; the PNGs are committed.
//   node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "public", "icons");

const background = [0x0f, 0x17, 0x2a]; // slate-900, the app's theme colour
const foreground = [0xff, 0xff, 0xff];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** RGBA pixels (size × size × 4) to a PNG: colour type 6, 8 bits, filter 0 on every row. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0;
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A "D" in a unit box: a bar with a half-disc on its right, minus the same shape inset by the stroke. */
function inD(x, y) {
  const stroke = 0.17;
  const inShape = (left, radius) => {
    const cx = 0.4;
    const dy = y - 0.5;
    if (x >= left && x <= cx) return Math.abs(dy) <= radius;
    return x > cx && (x - cx) ** 2 + dy ** 2 <= radius ** 2;
  };
  return inShape(0.1, 0.5) && !inShape(0.1 + stroke, 0.5 - stroke);
}

/** glyphScale: the share of the icon the glyph's box takes (maskable icons keep to the safe zone). */
function drawIcon(size, glyphScale) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4; // 4×4 supersampling for smooth edges
  const boxOrigin = (1 - glyphScale) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size - boxOrigin) / glyphScale;
          const y = ((py + (sy + 0.5) / samples) / size - boxOrigin) / glyphScale;
          if (inD(x, y)) covered++;
        }
      }
      const alpha = covered / samples ** 2;
      const offset = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) {
        rgba[offset + i] = Math.round(background[i] * (1 - alpha) + foreground[i] * alpha);
      }
      rgba[offset + 3] = 255;
    }
  }
  return encodePng(size, rgba);
}

// Maskable icons may be cropped to a circle of 40% radius (W3C Web App Manifest, "safe zone"):
// a 0.5 glyph box keeps its corners within 0.354 of the centre.
const icons = [
  { file: "icon-192.png", size: 192, glyphScale: 0.6 },
  { file: "icon-512.png", size: 512, glyphScale: 0.6 },
  { file: "icon-maskable-512.png", size: 512, glyphScale: 0.5 },
  { file: "apple-touch-icon.png", size: 180, glyphScale: 0.6 },
];

mkdirSync(outDir, { recursive: true });
for (const { file, size, glyphScale } of icons) {
  writeFileSync(path.join(outDir, file), drawIcon(size, glyphScale));
  console.log(`public/icons/${file} (${size}×${size})`);
}
