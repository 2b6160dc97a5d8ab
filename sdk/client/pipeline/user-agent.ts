/**
 * Policy 1: identify the client to Dataverse (shows up in Microsoft's telemetry and support).
 */
import { PACKAGE_NAME, VERSION } from '../../version';
import { withHeader, type PipelinePolicy } from './policy';

/** Product token sent in `User-Agent`. */
export const USER_AGENT = `${PACKAGE_NAME}/${VERSION} node/${process.versions.node}`;

/** Sets `User-Agent`, with `prefix` (a caller's own product token) in front when given. */
export function userAgentPolicy(prefix?: string): PipelinePolicy {
  const value = prefix ? `${prefix} ${USER_AGENT}` : USER_AGENT;
  return {
    name: 'user-agent',
    sendRequest: (request, next) => next(withHeader(request, 'User-Agent', value)),
  };
}
