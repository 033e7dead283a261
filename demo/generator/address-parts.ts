/**
 * Splits a one-line UK address ("12 Mill Street, Riverside, RV1 2AB", the form the census keeps)
 * into street, town and postcode for structured formats: HL7 XAD (PID-11) and FHIR Address. The
 * ingest mappers join the parts back with ", ", so the split is lossless for any input.
 */

export interface AddressParts {
  street: string;
  town?: string;
  postcode?: string;
}

const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;

export function splitAddress(address: string): AddressParts {
  const parts = address.split(", ");
  const postcode = UK_POSTCODE.test(parts.at(-1) ?? "") && parts.length > 1 ? parts.pop() : undefined;
  const town = parts.length > 1 ? parts.pop() : undefined;
  return { street: parts.join(", "), ...(town ? { town } : {}), ...(postcode ? { postcode } : {}) };
}
