/**
 * The CDK app: every environment in infra/lib/config.ts, checked by cdk-nag (AwsSolutions and
 * HIPAA Security). `npm run build:aws` first (the web and job functions are its output), then
 * `npm run infra:synth` (templates in infra/cdk.out) or `npx cdk deploy` (docs/operations.md).
 * DOWNTIME_BUILD_ROOT points at another folder holding .open-next/ (the tests use a fixture).
 */
import path from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { loadEnvironments } from "../lib/config";
import { nagPacks } from "../lib/nag";
import { readOpenNextBuild } from "../lib/open-next-output";
import { environmentStacks } from "../lib/stacks";

const root = path.resolve(process.env.DOWNTIME_BUILD_ROOT ?? path.join(import.meta.dirname, "..", ".."));
const build = readOpenNextBuild(root);
// Producer stacks keep their exports while a consumer uses them (CDK's "strong" references),
// stated explicitly rather than left to the default.
const app = new App({ context: { "@aws-cdk/core:defaultCrossStackReferences": "strong" } });
for (const config of loadEnvironments()) {
  environmentStacks(app, config, build, path.join(root, ".open-next", "jobs"));
}
Validations.of(app).addPlugins(...nagPacks(app));
app.synth();
