/**
 * Pipeline step 1: identify the client to Dataverse (shows up in Microsoft's telemetry and support).
 */
import type { PipelineStep } from './step';
import { PACKAGE_NAME, VERSION } from '../../version';

/** Product token sent in `User-Agent`. */
export const USER_AGENT = `${PACKAGE_NAME}/${VERSION} node/${process.versions.node}`;

/** Sets `User-Agent`, keeping a caller's own value in front. */
export function userAgentStep(prefix?: string): PipelineStep {
  const value = prefix ? `${prefix} ${USER_AGENT}` : USER_AGENT;
  return {
    name: 'user-agent',
    request: (config) => {
      config.headers.set('User-Agent', value);
      return config;
    },
  };
}
