/**
 * The end of the pipeline: one HTTP attempt with axios, the only place the client touches it. Any
 * status comes back as a response (the policies decide what a 429 or a 401 means); a request that
 * got no response rejects with a ConnectionError that keeps nothing of axios' error but a sanitised
 * cause (an AxiosError holds the Authorization header and the body).
 */
import axios, { isAxiosError } from 'axios';
import { connectionError, type ConnectionFailure } from '../error-factory';
import { plainHeaders } from '../headers';
import type { PipelineRequest, SendRequest } from './policy';

/** Creates the transport: a fresh axios instance that never follows redirects and never throws on a status. */
export function axiosTransport(): SendRequest {
  const http = axios.create({
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
    maxRedirects: 0,
    validateStatus: () => true,
  });
  return async (request) => {
    try {
      const response = await http.request({
        method: request.method,
        url: request.url,
        data: request.body,
        headers: { ...request.headers },
        signal: request.signal,
        timeout: request.timeoutMs,
        responseType: request.responseType,
      });
      return {
        status: response.status,
        headers: plainHeaders(response.headers),
        data: response.data,
        request,
      };
    } catch (error) {
      throw failure(error, request);
    }
  };
}

function failure(error: unknown, request: PipelineRequest): unknown {
  if (!isAxiosError(error)) return error;
  const kind: ConnectionFailure =
    error.code === 'ERR_CANCELED' || request.signal?.aborted
      ? 'aborted'
      : error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT'
        ? 'timeout'
        : 'network';
  return connectionError(request, kind, { code: error.code, cause: error });
}
