/**
 * What the host answers for each outcome. Dataverse reads only the status code (a 4xx/5xx fails a
 * synchronous step and rolls the operation back); the body, in Dataverse's own error format, is for
 * whoever forwards the refusal (the emulator shows `error.message` to the caller, as IsvAborted).
 */
import { DataverseError } from '../../sdk/client/errors';
import { RedemptionInProgressError } from '../../sdk/invitations/index';
import { PluginError } from '../pipeline/plugin-error';
import type { DeliveryAnswer } from './delivery-ledger';

/** An error body in Dataverse's format. */
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** 401: no details, whatever was wrong with the key. */
export const UNAUTHORIZED: DeliveryAnswer = { status: 401, body: errorBody('Unauthorized', 'Unauthorized.') };

/** Statuses of client failures worth a retry by Dataverse (it retries 502/503/504 once). */
function isTransient(error: DataverseError): boolean {
  return error.status === 0 || error.status === 429 || error.status >= 502;
}

/**
 * The answer for an error thrown by a step: a PluginError's message goes back as is (400);
 * a transient Dataverse failure, or a redemption another delivery is applying, gives 503 so Dataverse retries; anything else is 500 with
 * only a reference to the host log, never a stack trace.
 */
export function answerForError(error: unknown, reference: string): DeliveryAnswer {
  if (error instanceof PluginError) return { status: 400, body: errorBody(error.code, error.message) };
  // Another delivery holds the redemption's claim: Dataverse retries a 503, by when it is done.
  if (error instanceof RedemptionInProgressError)
    return { status: 503, body: errorBody('ServiceUnavailable', error.message) };
  if (error instanceof DataverseError && isTransient(error)) {
    return {
      status: 503,
      body: errorBody(
        'ServiceUnavailable',
        `Dataverse was unavailable to the handler; retry later (reference ${reference}).`,
      ),
    };
  }
  return {
    status: 500,
    body: errorBody(
      'InternalError',
      `The handler failed unexpectedly; see the plug-in host log for reference ${reference}.`,
    ),
  };
}
