import { DEFAULT_TIME_ZONE, zonedWallTimeToInstant } from "@/lib/hl7/datetime";

/**
 * R4 `date`, `dateTime` and `instant` values (https://hl7.org/fhir/R4/datatypes.html#dateTime) as
 * instants. A value with a zone ("Z", "+10:00") is exact. A date alone ("2013-03-11", Encounter.period
 * in many examples) or a time without a zone is read as wall-clock time in the facility's IANA time zone
 * (default Europe/London), the same rule lib/hl7/datetime.ts applies to HL7 DTM values without an
 * offset, so both feeds put a date-only admission at local midnight. Partial dates start their period.
 */

const DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export function parseFhirDateTime(value: string | undefined, timeZone = DEFAULT_TIME_ZONE): Date | undefined {
  const match = DATE_TIME.exec(value?.trim() ?? "");
  if (!match) return undefined;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", fraction, zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  // A leap second (":60", allowed by the R4 regex) is read as the last millisecond of the minute.
  const wall = new Date(
    Date.UTC(2000, month - 1, day, hour, minute, Math.min(second, 59), second === 60 ? 999 : millis),
  ).setUTCFullYear(year);
  const date = new Date(wall);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // 2013-02-30
  if (zone === undefined) return new Date(zonedWallTimeToInstant(wall, timeZone));
  if (zone === "Z") return date;
  const sign = zone.startsWith("-") ? -1 : 1;
  const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
  return new Date(wall - sign * offsetMinutes * 60_000);
}

/** A birth date as "YYYY-MM-DD" with no zone arithmetic; partial dates (YYYY, YYYY-MM) give undefined. */
export function parseFhirBirthDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value?.trim() ?? "");
  return match && parseFhirDateTime(match[0], "UTC") ? match[0] : undefined;
}
