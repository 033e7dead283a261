/**
 * cdk-nag (v3) checks run as CDK validation plugins; a finding is acknowledged on the construct it
 * concerns, always with a written reason (tests assert there is no unacknowledged finding).
 */
import { type App, Stack, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks, HIPAASecurityChecks } from "cdk-nag";
import type { IConstruct } from "constructs";

export interface Acknowledgement {
  /** Rule id, with the finding for multi-finding rules: `AwsSolutions-IAM5[Resource::...]`. */
  id: string;
  reason: string;
}

export function acknowledge(scope: IConstruct, acknowledgements: Acknowledgement[]): void {
  for (const { id, reason } of acknowledgements) {
    if (reason.trim().length < 20) throw new Error(`${id}: a suppression needs a real reason`);
    Validations.of(scope).acknowledge({ id, reason });
  }
}

/** The packs every environment is checked against. */
export function nagPacks(app: App): [AwsSolutionsChecks, HIPAASecurityChecks] {
  return [new AwsSolutionsChecks(app), new HIPAASecurityChecks(app)];
}

/**
 * How cdk-nag names a resource in a finding id: `<LogicalId.Attr>` for Fn::GetAtt, `<LogicalId>`
 * for Ref, `<AWS::Partition>` for pseudo parameters, joined as the template joins them.
 */
export function nagResourceName(scope: IConstruct, value: string): string {
  const render = (node: unknown): string => {
    if (typeof node === "string") return node;
    if (node && typeof node === "object") {
      const object = node as Record<string, unknown>;
      if ("Ref" in object) return `<${object.Ref as string}>`;
      if ("Fn::GetAtt" in object) return `<${(object["Fn::GetAtt"] as string[]).join(".")}>`;
      if ("Fn::Join" in object) {
        const [separator, parts] = object["Fn::Join"] as [string, unknown[]];
        return parts.map(render).join(separator);
      }
    }
    throw new Error(`cannot name ${JSON.stringify(node)} as cdk-nag does`);
  };
  return render(Stack.of(scope).resolve(value));
}

/** `AwsSolutions-IAM5[Resource::…]` for a wildcard resource such as `bucket.arnForObjects("*")`. */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${nagResourceName(scope, resource)}]`;
}
