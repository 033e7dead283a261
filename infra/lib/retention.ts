/** CloudWatch Logs accepts only certain retention periods: the nearest at or above the configured days. */
import * as logs from "aws-cdk-lib/aws-logs";

export function retentionFor(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays)
    .filter((value): value is number => typeof value === "number" && value > 0)
    .sort((a, b) => a - b);
  return (allowed.find((value) => value >= days) ?? logs.RetentionDays.TEN_YEARS) as logs.RetentionDays;
}
