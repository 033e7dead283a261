/**
 * Downtime documents (lib/server/storage/s3.ts): one private bucket per environment Region,
 * encrypted with the environment's customer-managed KMS key, TLS-only, versioned with a short
 * non-current expiry so a purge really deletes within days, access-logged, and tiered by S3
 * Intelligent-Tiering (the app also writes INTELLIGENT_TIERING itself). Multi-Region environments
 * replicate every object to the standby Region's bucket.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct, type IConstruct } from "constructs";
import { acknowledge, wildcardResourceFinding } from "./nag";

export interface DocumentsProps {
  key: kms.IKey;
  logBucket: s3.IBucket;
  noncurrentVersionDays: number;
  /** Multi-Region: the standby bucket and its key (the standby storage stack). */
  replicateTo?: { bucket: s3.IBucket; key: kms.IKey };
  /** The standby bucket is the replica itself: no replication of its own. */
  isReplica?: boolean;
  /** A fixed name (the replica), so the primary names it without a cross-Region lookup. */
  bucketName?: string;
}

export class Documents extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: DocumentsProps) {
    super(scope, id);
    this.key = props.key;
    this.bucket = new s3.Bucket(this, "Bucket", {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: "documents/",
      lifecycleRules: [
        {
          id: "purge-really-deletes",
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: "intelligent-tiering",
          transitions: [
            { storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) },
          ],
        },
      ],
      replicationRules: props.replicateTo
        ? [
            {
              destination: props.replicateTo.bucket,
              kmsKey: props.replicateTo.key,
              sseKmsEncryptedObjects: true,
              storageClass: s3.StorageClass.INTELLIGENT_TIERING,
              deleteMarkerReplication: true,
              priority: 1,
            },
          ]
        : undefined,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!props.replicateTo) {
      acknowledge(this.bucket, [
        {
          id: "HIPAA.Security-S3BucketReplicationEnabled",
          reason: props.isReplica
            ? "This is the standby Region's replica; it is the destination of the primary's replication."
            : "Single-Region environment by configuration (multiRegion off); AWS Backup keeps the copies.",
        },
      ]);
    } else {
      const replica = props.replicateTo;
      const reason =
        "S3 replication reads every object version of this bucket and writes any key of the replica, with both keys; CDK scopes the role to those two buckets and keys.";
      acknowledge(this.bucket, [
        { id: wildcardResourceFinding(this, this.bucket.arnForObjects("*")), reason },
        { id: wildcardResourceFinding(this, replica.bucket.arnForObjects("*")), reason },
        { id: "AwsSolutions-IAM5[Action::kms:ReEncrypt*]", reason },
        { id: "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]", reason },
        {
          id: "HIPAA.Security-IAMNoInlinePolicy",
          reason:
            "CDK writes each role's grants as its own policy scoped to this stack's resources; a shared managed policy would widen them.",
        },
      ]);
    }
  }

  /** The app: read, write and delete documents; list them (purge walks prefixes). Nothing else. */
  grantAppAccess(grantee: iam.IGrantable & IConstruct): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      resourceArns: [this.bucket.arnForObjects("*")],
    });
    iam.Grant.addToPrincipal({ grantee, actions: ["s3:ListBucket"], resourceArns: [this.bucket.bucketArn] });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      resourceArns: [this.key.keyArn],
    });
    // On the role itself: a function's role is its child, but the server's role is not.
    const principal = grantee.grantPrincipal as Partial<IConstruct>;
    acknowledge(principal.node ? (principal as IConstruct) : grantee, [
      {
        id: wildcardResourceFinding(this, this.bucket.arnForObjects("*")),
        reason:
          "Documents are objects keyed by document id in this one bucket; the app reads, writes and deletes any of them, and nothing outside it.",
      },
    ]);
  }
}
