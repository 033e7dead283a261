/**
 * Synthesises one environment's stacks from the committed OpenNext fixture (test/fixtures/open-next:
 * an open-next.output.json of the real build's shape and tiny bundles), so infra tests need no
 * `npm run build:aws`. Each test file synthesises each environment once, in beforeAll.
 */
import path from "node:path";
import type { Stack } from "aws-cdk-lib";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { EnvironmentConfig } from "../lib/config";
import { nagPacks } from "../lib/nag";
import { readOpenNextBuild } from "../lib/open-next-output";
import { type EnvironmentStacks, environmentStacks } from "../lib/stacks";

export const fixtureRoot = path.join(import.meta.dirname, "fixtures", "open-next");

export interface SynthesisedEnvironment {
  config: EnvironmentConfig;
  stacks: EnvironmentStacks;
  edge: Template;
  primary: Template;
  standbyStorage?: Template;
  standbyDatabase?: Template;
  /** Every template of the environment. */
  all: Template[];
  /** Unacknowledged cdk-nag findings per stack: "<stack> <rule> <resource>". */
  nagFindings: string[];
}

export function synthesise(config: EnvironmentConfig): SynthesisedEnvironment {
  const app = new App();
  const stacks = environmentStacks(
    app,
    config,
    readOpenNextBuild(fixtureRoot),
    path.join(fixtureRoot, ".open-next", "jobs"),
  );
  const packs = nagPacks(app);
  const list: Stack[] = [stacks.edge, stacks.primary];
  if (stacks.standbyStorage) list.push(stacks.standbyStorage);
  if (stacks.standbyDatabase) list.push(stacks.standbyDatabase);
  const templates = list.map((stack) => Template.fromStack(stack));
  const nagFindings = list.flatMap((stack) =>
    packs.flatMap((pack) =>
      pack
        .validateScope(stack)
        .violations.flatMap((violation) =>
          violation.violatingResources.map(
            (resource: { constructPath?: string }) => `${violation.ruleName} ${resource.constructPath}`,
          ),
        ),
    ),
  );
  return {
    config,
    stacks,
    edge: templates[0]!,
    primary: templates[1]!,
    standbyStorage: stacks.standbyStorage ? Template.fromStack(stacks.standbyStorage) : undefined,
    standbyDatabase: stacks.standbyDatabase ? Template.fromStack(stacks.standbyDatabase) : undefined,
    all: templates,
    nagFindings,
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Resources of `type` in `template`, by logical id. */
export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}
