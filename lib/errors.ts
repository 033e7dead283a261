/**
 * The one error type. Domain code throws `AppError` with a code from the closed set below;
 * each protocol edge maps the code to its own language through the tables here: HTTP status
 * and title (`errorTable`, JSON problems and every protocol's HTTP status), HL7 v2 ACK code
 * and table 0357 error code (`hl7AckTable`). Messages must never contain patient identifiers.
 */
export const errorTable = {
  bad_request: { status: 400, title: "Bad request" },
  unauthenticated: { status: 401, title: "Sign-in required" },
  forbidden: { status: 403, title: "Not allowed" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  unprocessable: { status: 422, title: "Cannot be applied" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ErrorCode = keyof typeof errorTable;

/** When a caller told "unavailable" may retry, unless the error says otherwise (Retry-After, seconds). */
export const defaultRetryAfterSeconds = 30;

/**
 * How each code answers an HL7 v2 sender (chapter 2.9, MSA-1; ERR-3 from table 0357). AR means
 * "never send this again as it is", so only input the sender must fix is AR; everything that a
 * retry can cure (an outage, a rate limit, our own fault) is AE.
 */
export const hl7AckTable = {
  bad_request: { ack: "AR", errorCode: "100" }, // not HL7 at all: the first segment is not MSH/BHS/FHS
  unauthenticated: { ack: "AR", errorCode: "207" },
  forbidden: { ack: "AR", errorCode: "103" }, // a facility outside the API key's scope
  not_found: { ack: "AR", errorCode: "207" },
  conflict: { ack: "AR", errorCode: "207" },
  payload_too_large: { ack: "AR", errorCode: "207" },
  unsupported_media_type: { ack: "AR", errorCode: "207" },
  unprocessable: { ack: "AR", errorCode: "103" },
  rate_limited: { ack: "AE", errorCode: "207" },
  internal: { ack: "AE", errorCode: "207" },
  unavailable: { ack: "AE", errorCode: "207" },
} as const satisfies Record<ErrorCode, { ack: "AE" | "AR"; errorCode: string }>;

/**
 * Marks an AppError across copies of this module. Next.js may bundle lib/errors more than once
 * (instrumentation, each route), and the database and store adapters live on globalThis, made by
 * whichever copy started first: an error they throw is then an instance of another copy's class,
 * so `instanceof` says no. `Symbol.for` is one registry per process, shared by every copy.
 */
const appErrorBrand = Symbol.for("downtime.app-error");

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Where in the input the problem is (an HL7 field such as "PID-3", a FHIR path, a JSON pointer). */
  readonly location?: string;
  /** For rate_limited and unavailable: when the caller may try again (Retry-After). */
  readonly retryAfterSeconds?: number;
  readonly [appErrorBrand] = true;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { location?: string; cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.location = options?.location;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  get status(): number {
    return errorTable[this.code].status;
  }

  /** Seconds a sender should wait before retrying, when a retry can help (HTTP Retry-After). */
  get retryAfter(): number | undefined {
    return this.retryAfterSeconds ?? (this.code === "unavailable" ? defaultRetryAfterSeconds : undefined);
  }
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(errorTable, code);
}

/**
 * An AppError from this copy of the module or any other: recognised by its brand (or its name)
 * and a code from the closed set, never by `instanceof` alone.
 */
export function isAppError(error: unknown): error is AppError {
  if (error instanceof AppError) return true;
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as { [appErrorBrand]?: unknown; name?: unknown; code?: unknown };
  return (candidate[appErrorBrand] === true || candidate.name === "AppError") && isErrorCode(candidate.code);
}

/**
 * The error as an instance of this copy's AppError (rebuilt from another copy's, keeping its code,
 * message, location and Retry-After), or undefined when it is no AppError at all. Callers that
 * still test `instanceof AppError` (the FHIR OperationOutcome mapping) then see it for what it is.
 */
export function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!isAppError(error)) return undefined;
  const { code, message, location, retryAfterSeconds } = error as Partial<AppError>;
  return new AppError(code!, typeof message === "string" ? message : errorTable[code!].title, {
    cause: error,
    ...(typeof location === "string" ? { location } : {}),
    ...(typeof retryAfterSeconds === "number" ? { retryAfterSeconds } : {}),
  });
}
