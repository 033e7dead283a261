/**
 * Aurora DSQL: one cluster per environment Region, deletion-protected and encrypted with the
 * environment's customer-managed key. Multi-Region environments peer a cluster in each of two
 * Regions with a witness in a third (AWS::DSQL::Cluster MultiRegionProperties). The app connects as
 * a non-admin database role with dsql:DbConnect only; migrations connect as admin
 * (dsql:DbConnectAdmin), from the migration job alone.
 */
import * as dsql from "aws-cdk-lib/aws-dsql";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";

/** The database role the app connects as (created by the migration job). */
export const appDatabaseUser = "downtime_app";

export interface DatabaseProps {
  key: kms.IKey;
  /** Multi-Region: the witness Region and the peer cluster ARNs known at synth time. */
  multiRegion?: { witnessRegion: string; peerClusterArns: string[] };
}

export class Database extends Construct {
  readonly cluster: dsql.CfnCluster;
  /** <cluster-id>.dsql.<region>.on.aws, as lib/env.ts expects DSQL_ENDPOINT. */
  readonly endpoint: string;
  readonly clusterArn: string;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    this.cluster = new dsql.CfnCluster(this, "Cluster", {
      deletionProtectionEnabled: true,
      kmsEncryptionKey: props.key.keyArn,
      multiRegionProperties: props.multiRegion
        ? {
            witnessRegion: props.multiRegion.witnessRegion,
            clusters: props.multiRegion.peerClusterArns.length
              ? props.multiRegion.peerClusterArns
              : undefined,
          }
        : undefined,
    });
    this.endpoint = this.cluster.attrEndpoint;
    this.clusterArn = this.cluster.attrResourceArn;
  }

  /** The app: connect as the non-admin role. DbConnectAdmin is never granted here. */
  grantConnect(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({ grantee, actions: ["dsql:DbConnect"], resourceArns: [this.clusterArn] });
  }

  /** The migration job: connect as admin to change the schema and the app role's grants. */
  grantConnectAdmin(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({ grantee, actions: ["dsql:DbConnectAdmin"], resourceArns: [this.clusterArn] });
  }

  /** AWS Backup and backup:verify: read the cluster's state. */
  grantDescribe(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({ grantee, actions: ["dsql:GetCluster"], resourceArns: [this.clusterArn] });
  }
}
