/**
 * Errors the emulator answers with, in Dataverse's JSON shape `{"error":{"code","message"}}`.
 * The codes come from the SDK's one table (sdk/client/error-codes).
 */

import { ErrorCodes } from '../sdk/client/error-codes';

/** The one table of Dataverse error codes (sdk/client/error-codes), which the emulator answers with. */
export { ErrorCodes };

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
  return new DataverseFault(404, ErrorCodes.NotFound, `${logicalName} With Id = ${id} Does Not Exist`);
}

/** 400 for a body or value the server cannot accept. */
export function badRequest(message: string, code: string = ErrorCodes.InvalidArgument): DataverseFault {
  return new DataverseFault(400, code, message);
}

/** 404 for a URL segment the server does not know. */
export function unknownSegment(segment: string): DataverseFault {
  return new DataverseFault(
    404,
    ErrorCodes.ResourceNotFound,
    `Resource not found for the segment '${segment}'.`,
  );
}
