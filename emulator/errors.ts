/**
 * Errors the emulator answers with, in Dataverse's JSON shape `{"error":{"code","message"}}`.
 * The codes live here once. Codes marked unverified are best guesses kept in one place.
 */

/** Dataverse error codes the emulator uses. */
export const EmulatorErrorCodes = {
  /** Row not found (404). */
  NotFound: '0x80040217',
  /** Duplicate primary key on create (412). */
  DuplicateRecord: '0x80040237',
  /** If-Match etag did not match (412). */
  ConcurrencyVersionMismatch: '0x80060882',
  /** A plug-in / sync step refused the operation (400). */
  IsvAborted: '0x80040265',
  /** Unknown segment, property or malformed query option (404/400). */
  ResourceNotFound: '0x80060888',
  /** Payload the server cannot map to the entity (400). */
  InvalidPayload: '0x80048d19',
  /** A value that breaks a column rule: required, length, type, state/status pair (400). */
  InvalidArgument: '0x80040203',
  /** Updating the definition of an activated workflow (unverified code and text). */
  PublishedWorkflowUpdate: '0x80045002',
  /** Impersonating a user that does not exist or may not be impersonated (403). */
  CallerNotFound: '0x80040220',
  /** Missing or wrong bearer token (401; unverified code). */
  Unauthorized: '0x80072560',
  /** Anything unexpected (500). */
  Unexpected: '0x80040216',
  /** Method not allowed on this resource (405; unverified code). */
  MethodNotAllowed: '0x80060888',
  /** Request body larger than the emulator accepts (413; unverified code). */
  RequestTooLarge: '0x80048d1a',
} as const;

/** An error that becomes a Dataverse-shaped HTTP answer. */
export class DataverseFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DataverseFault';
  }

  /** The JSON body Dataverse sends for this error. */
  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

/** 404 for a row that does not exist. */
export function notFound(logicalName: string, id: string): DataverseFault {
  return new DataverseFault(
    404,
    EmulatorErrorCodes.NotFound,
    `${logicalName} With Id = ${id} Does Not Exist`,
  );
}

/** 400 for a body or value the server cannot accept. */
export function badRequest(
  message: string,
  code: string = EmulatorErrorCodes.InvalidArgument,
): DataverseFault {
  return new DataverseFault(400, code, message);
}

/** 404 for a URL segment the server does not know. */
export function unknownSegment(segment: string): DataverseFault {
  return new DataverseFault(
    404,
    EmulatorErrorCodes.ResourceNotFound,
    `Resource not found for the segment '${segment}'.`,
  );
}
