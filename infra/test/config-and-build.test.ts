/** The environment file and the build description are validated before anything is synthesised. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { environments, loadEnvironments } from "../lib/config";
import { readOpenNextBuild } from "../lib/open-next-output";
import { fixtureRoot } from "./synth.test-kit";

describe("loadEnvironments", () => {
  it("accepts the committed environments: Prod and Cert multi-Region, the rest single-Region", () => {
    const loaded = loadEnvironments();
    expect(loaded.map((env) => env.name)).toEqual(["prod", "cert", "mock", "build", "training"]);
    expect(loaded.filter((env) => env.multiRegion).map((env) => env.name)).toEqual(["prod", "cert"]);
    expect(loaded.every((env) => env.allowedCountries.includes("GB"))).toBe(true);
  });

  it("refuses a witness in the home Region, a short account id and a certificate outside us-east-1", () => {
    const prod = environments[0]!;
    expect(() =>
      loadEnvironments([{ ...prod, multiRegion: { ...prod.multiRegion!, witnessRegion: prod.region } }]),
    ).toThrow(/must differ/);
    expect(() => loadEnvironments([{ ...prod, account: "1234" }])).toThrow(/12-digit/);
    expect(() =>
      loadEnvironments([{ ...prod, certificateArn: prod.certificateArn.replace("us-east-1", "eu-west-2") }]),
    ).toThrow();
  });
});

describe("readOpenNextBuild", () => {
  let scratch: string | undefined;
  afterEach(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  type Output = {
    additionalProps: { disableIncrementalCache: boolean };
    origins: { default: { streaming: boolean } };
  };

  function withOutput(change: (output: Output) => void): string {
    scratch = mkdtempSync(path.join(tmpdir(), "downtime-open-next-"));
    const output = JSON.parse(
      readFileSync(path.join(fixtureRoot, ".open-next", "open-next.output.json"), "utf8"),
    );
    change(output);
    mkdirSync(path.join(scratch, ".open-next"));
    writeFileSync(path.join(scratch, ".open-next", "open-next.output.json"), JSON.stringify(output));
    return scratch;
  }

  it("derives the asset paths from the build, sw.js among them", () => {
    const build = readOpenNextBuild(fixtureRoot);
    expect(build.versionedSubDir).toBe("_next");
    expect(build.assetPatterns).toContain("sw.js");
    expect(build.assetPatterns).toContain("_next/*");
    expect(build.assetPatterns).not.toContain("*");
  });

  it("names the command to run when there is no build", () => {
    scratch = mkdtempSync(path.join(tmpdir(), "downtime-open-next-"));
    expect(() => readOpenNextBuild(scratch!)).toThrow(/npm run build:aws/);
  });

  it("refuses a build with the ISR cache on, or a streaming server function", () => {
    expect(() =>
      readOpenNextBuild(withOutput((o) => (o.additionalProps.disableIncrementalCache = false))),
    ).toThrow(/incremental cache/);
    expect(() => readOpenNextBuild(withOutput((o) => (o.origins.default.streaming = true)))).toThrow(
      /buffered/,
    );
  });
});
