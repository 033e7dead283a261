import type { NextOfKin, OptionalDemographics } from "@/lib/adt/events";
import type { Address, CodeableConcept, ContactPoint, Extension } from "./datatypes";
import { conceptText, displayName } from "./read-datatypes";
import type { FhirPatient } from "./validate";

/**
 * The optional (publishable) demographics of a Patient. Each field is left out when the resource does
 * not carry it, which the census reads as "not sent". Whether a field is stored at all is decided later
 * by the facility's publishing rules, not here.
 */

/** HL7 v2 table 0131 (contact role), the code system R4 binds Patient.contact.relationship to. */
const contactRoles: Record<string, string> = {
  C: "Emergency contact",
  CP: "Contact person",
  E: "Employer",
  EP: "Emergency contact person",
  N: "Next of kin",
  O: "Other",
  U: "Unknown",
};

const NHS_COMMUNICATION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication";

export function optionalDemographics(patient: FhirPatient): OptionalDemographics {
  const extras: OptionalDemographics = {
    address: oneLineAddress(patient.address),
    phone: firstPhone(patient.telecom),
    nextOfKin: nextOfKin(patient.contact),
    // generalPractitioner is a practice or GP; PDS sends only its ODS code (identifier), which wards use too.
    gp: patient.generalPractitioner?.map((gp) => gp.display?.trim() || gp.identifier?.value).find(Boolean),
    language: language(patient),
    religion: religion(patient.extension),
  };
  return Object.fromEntries(Object.entries(extras).filter(([, value]) => value !== undefined));
}

/** The first home address (Address.use "home"), else the first not marked old, temp or work, on one line. */
function oneLineAddress(addresses: readonly Address[] | undefined): string | undefined {
  const list = addresses ?? [];
  const chosen =
    list.find((a) => a.use === "home") ??
    list.find((a) => !["old", "temp", "work", "billing"].includes(a.use ?? ""));
  if (!chosen) return undefined;
  const parts = [
    ...(chosen.line ?? []),
    chosen.city,
    chosen.district,
    chosen.state,
    chosen.postalCode,
    chosen.country,
  ];
  const line = parts
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(", ");
  return line || chosen.text?.trim() || undefined;
}

/** The best-ranked phone (ContactPoint.rank, 1 = preferred) that is not an old number. */
function firstPhone(telecom: readonly ContactPoint[] | undefined): string | undefined {
  const phones = (telecom ?? []).filter((t) => t.system === "phone" && t.use !== "old" && t.value?.trim());
  phones.sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
  return phones[0]?.value?.trim();
}

/** Patient.contact entries that name a person; organisation-only contacts (employers) are not kin. */
function nextOfKin(contacts: FhirPatient["contact"]): NextOfKin[] | undefined {
  const kin = (contacts ?? []).flatMap((contact): NextOfKin[] => {
    const name = displayName(contact.name);
    if (!name) return [];
    const relationship = contact.relationship?.map(relationshipText).find(Boolean);
    const phone = firstPhone(contact.telecom);
    return [{ name, ...(relationship ? { relationship } : {}), ...(phone ? { phone } : {}) }];
  });
  return kin.length > 0 ? kin : undefined;
}

function relationshipText(concept: CodeableConcept): string | undefined {
  return conceptText(concept) ?? concept.coding?.map((c) => contactRoles[c.code ?? ""]).find(Boolean);
}

/** Patient.communication (preferred first), else the UK Core NHSCommunication extension's language. */
function language(patient: FhirPatient): string | undefined {
  const communication = patient.communication ?? [];
  const chosen = communication.find((c) => c.preferred) ?? communication[0];
  const fromCommunication = chosen && (conceptText(chosen.language) ?? chosen.language.coding?.[0]?.code);
  if (fromCommunication) return fromCommunication;
  const uk = patient.extension?.find((e) => e.url === NHS_COMMUNICATION);
  return conceptText(uk?.extension?.find((e) => e.url === "language")?.valueCodeableConcept);
}

/** R4 core extension patient-religion, or any extension whose URL ends in "religion" (local profiles). */
function religion(extensions: readonly Extension[] | undefined): string | undefined {
  const found = extensions?.find((e) => /religion$/i.test(e.url));
  return (
    conceptText(found?.valueCodeableConcept) ?? found?.valueString?.trim() ?? found?.valueCoding?.display
  );
}
