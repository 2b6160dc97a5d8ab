/**
 * Errors the emulator answers with, in Dataverse's JSON shape `{"error":{"code","message"}}`, and
 * how any thrown value becomes one: faults keep their status and code, a pipeline step's abort is
 * 400 IsvAborted with the step's own message, anything else a 500 that never leaks a stack trace.
 * The codes come from the SDK's one table (sdk/client/error-codes).
 */
import { ErrorCodes } from '../sdk/client/error-codes';
import { PipelineAbortError } from './contracts';

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

/**
 * 404 for a row that does not exist, in Dataverse's words: Microsoft's support articles quote
 * "Entity 'Contact' With Id = <ID> Does Not Exist" (here with the logical name). The Web API page on
 * conditional operations shows a shorter "account With Id = … Does Not Exist" with an empty code
 * for an update that may not create; which text a real org sends for which request is not
 * documented (see extensions/README.md).
 */
export function notFound(logicalName: string, id: string): DataverseFault {
  return new DataverseFault(
    404,
    ErrorCodes.NotFound,
    `Entity '${logicalName}' With Id = ${id} Does Not Exist`,
  );
}

/** 400 for a body or value the server cannot accept. */
export function badRequest(message: string, code: string = ErrorCodes.InvalidArgument): DataverseFault {
  return new DataverseFault(400, code, message);
}

/**
 * 404 for a URL segment the server does not know, as Microsoft shows it.
 * https://learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse/web-api-client-errors#resource-not-found-for-the-segment
 */
export function unknownSegment(segment: string): DataverseFault {
  return new DataverseFault(
    404,
    ErrorCodes.UnknownSegment,
    `Resource not found for the segment '${segment}'.`,
  );
}

/**
 * 404 for an operation called with the wrong method (POST to a function, GET of an action).
 * https://learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse/web-api-client-errors#no-http-resource-was-found-that-matches-the-request-uri
 */
export function noHttpResource(url: string): DataverseFault {
  return new DataverseFault(
    404,
    ErrorCodes.NoHttpResource,
    `No HTTP resource was found that matches the request URI '${url}'.`,
  );
}

/** The Dataverse fault for a thrown value. */
export function toFault(error: unknown): DataverseFault {
  if (error instanceof DataverseFault) return error;
  if (
    error instanceof PipelineAbortError ||
    (error instanceof Error && error.name === 'PipelineAbortError')
  ) {
    return new DataverseFault(400, ErrorCodes.IsvAborted, error.message);
  }
  if (error instanceof URIError) {
    return new DataverseFault(
      400,
      ErrorCodes.InvalidPayload,
      `The URL is not valid percent-encoding (${error.message}); encode it with encodeURIComponent.`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DataverseFault(
    500,
    ErrorCodes.Unexpected,
    `An unexpected error occurred in the emulator: ${message}`,
  );
}
