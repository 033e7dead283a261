/** Synthetic census JSON (NHS numbers from the 999 test range; nobody here is real). */
import type { Example } from "./openapi-types";

const patient = {
  mrn: "RXD0012346",
  nhsNumber: "9990237581",
  demographics: {
    familyName: "Okonkwo",
    givenNames: "Chidi",
    title: "Mr",
    birthDate: "1952-03-09",
    sex: "male",
    allergies: [{ text: "Latex", severity: "moderate" }],
    alerts: ["Hearing impaired"],
    nextOfKin: [{ name: "Ngozi Okonkwo", relationship: "Daughter", phone: "01632 960789" }],
  },
};

export const censusRequestExamples: Record<string, Example> = {
  admitThenTransfer: {
    summary: "An admission and a later transfer in one message",
    value: {
      messageId: "BRIDGE-20261120-000123",
      events: [
        {
          kind: "admit",
          facilityCode: "RXD01",
          eventAt: "2026-11-20T09:40:00Z",
          patient,
          visit: {
            visitNumber: "V00098770",
            patientClass: "I",
            location: { ward: "AMU", room: "BAY1", bed: "B07" },
            consultant: "Dr Ada Okafor",
            specialty: "General Medicine",
            admittedAt: "2026-11-20T09:40:00Z",
          },
        },
        {
          kind: "transfer",
          facilityCode: "RXD01",
          eventAt: "2026-11-20T14:05:00Z",
          patient,
          visit: {
            visitNumber: "V00098770",
            location: { ward: "OAK", room: "BAY3", bed: "B11" },
            priorLocation: { ward: "AMU", room: "BAY1", bed: "B07" },
          },
        },
      ],
    },
  },
};

export const censusResponseExamples: Record<string, Example> = {
  applied: { summary: "Applied", value: { status: "applied", notes: [] } },
  duplicate: {
    summary: "The same messageId again: nothing changed",
    value: { status: "duplicate", notes: ["Already applied: this message was received before"] },
  },
  invalidField: {
    summary: "400: the first bad field, as a JSON pointer",
    value: {
      type: "https://downtime.invalid/problems/bad-request",
      title: "Bad request",
      status: 400,
      detail: "/events/1/eventAt: Invalid ISO datetime",
      location: "/events/1/eventAt",
    },
  },
};
