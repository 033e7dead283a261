/**
 * The bucket that receives S3 server access logs and CloudFront standard logs for one stack.
 * Encrypted with S3-managed keys (the log delivery services cannot write with a customer key they
 * have no grant on), private, TLS-only, and expired after the configured log retention.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { acknowledge } from "./nag";

export class LogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: { logDays: number }) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, "Bucket", {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      // CloudFront standard logging writes with an ACL grant to the bucket owner.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [
        { expiration: Duration.days(props.logDays), noncurrentVersionExpiration: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.bucket, [
      { id: "AwsSolutions-S1", reason: "This is the access-log bucket; logging it to itself would loop." },
      {
        id: "HIPAA.Security-S3BucketLoggingEnabled",
        reason: "This is the access-log bucket; logging it to itself would loop.",
      },
      {
        id: "HIPAA.Security-S3BucketReplicationEnabled",
        reason: "Access logs are operational, not clinical records; they are not replicated.",
      },
      {
        id: "HIPAA.Security-S3DefaultEncryptionKMS",
        reason:
          "S3 server access logging and CloudFront logging cannot deliver to a bucket encrypted with a customer-managed key; SSE-S3 encrypts them at rest.",
      },
    ]);
  }
}
