/**
 * The little of FHIR R4's shape the demo writer needs to name: a transaction Bundle of resources.
 * Resources are plain JSON objects; the ingest side validates what it receives (lib/fhir/validate.ts).
 */

export interface FhirResource {
  resourceType?: string;
  [element: string]: unknown;
}

export interface FhirBundleEntry {
  fullUrl: string;
  resource: FhirResource;
  /** transaction.html: PUT with a conditional URL is "update this resource, or create it". */
  request: { method: "PUT" | "POST"; url: string };
}

export interface FhirBundle {
  resourceType: "Bundle";
  id: string;
  type: "transaction";
  timestamp: string;
  entry: FhirBundleEntry[];
}
