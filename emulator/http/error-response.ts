/**
 * Turns any thrown value into a Dataverse-shaped error answer: faults keep their status and code,
 * a pipeline step's abort becomes 400 IsvAborted with the step's own message, and anything else
 * is a 500 that never leaks a stack trace.
 */
import { PipelineAbortError } from '../contracts';
import { DataverseFault, ErrorCodes } from '../errors';
import { jsonResponse } from './types';
import type { ApiResponse } from './types';

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

/** The HTTP answer for a thrown value. */
export function errorResponse(error: unknown): ApiResponse {
  const fault = toFault(error);
  return jsonResponse(fault.status, fault.toBody(), fault.headers);
}
