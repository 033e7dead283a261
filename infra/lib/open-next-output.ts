/**
 * The build's own description of what to deploy (.open-next/open-next.output.json, written by
 * `npm run build:aws`): which paths go to the assets bucket and which to the server function.
 * Only the parts the web construct reads are validated; a build whose shape changed fails synth.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const outputSchema = z.object({
  origins: z.object({
    s3: z.object({
      type: z.literal("s3"),
      originPath: z.string(),
      copy: z.array(
        z.object({
          from: z.string(),
          to: z.string(),
          cached: z.boolean(),
          versionedSubDir: z.string().optional(),
        }),
      ),
    }),
    default: z.object({
      type: z.literal("function"),
      handler: z.string(),
      bundle: z.string(),
      streaming: z.boolean(),
    }),
  }),
  behaviors: z.array(z.object({ pattern: z.string(), origin: z.string().optional() })),
  additionalProps: z
    .object({ disableIncrementalCache: z.boolean().optional(), disableTagCache: z.boolean().optional() })
    .optional(),
});

export type OpenNextOutput = z.infer<typeof outputSchema>;

export interface OpenNextBuild {
  /** Folder holding .open-next/ (the repository root, or a test fixture). */
  root: string;
  output: OpenNextOutput;
  serverBundle: string;
  assetsDir: string;
  /** Assets folder under which every file name carries a content hash (`_next`). */
  versionedSubDir: string;
  /** Path patterns for the assets bucket, and the rest for the server function. */
  assetPatterns: string[];
}

/** Reads `<root>/.open-next/open-next.output.json`; a build without an ISR cache is required. */
export function readOpenNextBuild(root: string): OpenNextBuild {
  const file = path.join(root, ".open-next", "open-next.output.json");
  if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build:aws\` first`);
  const output = outputSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  if (output.additionalProps?.disableIncrementalCache !== true) {
    throw new Error("open-next.config.ts must disable the incremental cache: no cache bucket is deployed");
  }
  if (output.origins.default.streaming) {
    throw new Error("the server function must be buffered: the function URL is deployed in BUFFERED mode");
  }
  const assets = output.origins.s3.copy.find((copy) => copy.cached);
  if (!assets?.versionedSubDir) throw new Error("open-next.output.json names no versioned assets folder");
  return {
    root,
    output,
    serverBundle: path.join(root, output.origins.default.bundle),
    assetsDir: path.join(root, assets.from),
    versionedSubDir: assets.versionedSubDir,
    assetPatterns: output.behaviors.filter((b) => b.origin === "s3").map((b) => b.pattern),
  };
}
