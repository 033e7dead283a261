/**
 * The JavaScript the staff pages load, from the last `next build` (scripts/route-js-size.ts), with
 * each chunk's gzip size so a miss says what is left. No server, no browser.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { pageChunks, pageJsSize } from "../route-js-size";

const root = path.resolve(import.meta.dirname, "..", "..");
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

function pageFigures(page: string) {
  const previous = process.cwd();
  process.chdir(root); // route-js-size.ts reads .next relative to the working directory
  try {
    const size = pageJsSize(page);
    const chunks = pageChunks(page)
      .map((file) => ({ file, gzipKB: kb(gzipSync(readFileSync(path.join(root, ".next", file))).length) }))
      .sort((a, b) => b.gzipKB - a.gzipKB);
    return {
      page,
      files: size.files,
      gzipBytes: size.gzipBytes,
      gzipKB: kb(size.gzipBytes),
      bytesKB: kb(size.bytes),
      legacyPolyfillGzipKB: kb(size.legacyPolyfillGzipBytes),
      chunks,
    };
  } finally {
    process.chdir(previous);
  }
}

export async function routeJsBench() {
  return {
    wardList: pageFigures("/(staff)/wards/[wardId]/page"),
    patient: pageFigures("/(staff)/patients/[stayId]/page"),
  };
}
