import type { EmulatorOperations } from '../../../../emulator/contracts';
import type { MessageName } from '../../../../emulator/contracts';
import { ensureSdkMessages } from '../../../../emulator/extensions/webhooks/sdk-messages';
import { testContext } from './fake-operations';

/** A step registration as rows, written straight through the operations. */
export interface StepSpec {
  url: string;
  message?: MessageName;
  entity?: string;
  stage?: number;
  mode?: number;
  rank?: number;
  filteringAttributes?: string;
  authType?: number;
  authValue?: string;
  name?: string;
}

/** Writes serviceendpoint + sdkmessageprocessingstep rows for a webhook step; returns the step id. */
export async function registerStep(ops: EmulatorOperations, spec: StepSpec): Promise<string> {
  const ctx = testContext();
  await ensureSdkMessages(ops, ctx, [spec.entity ?? 'adx_invitation']);
  const message = ops.find('sdkmessage', { name: spec.message ?? 'Create' })[0];
  const filter = ops
    .find('sdkmessagefilter', { primaryobjecttypecode: spec.entity ?? 'adx_invitation' })
    .find((f) => (f.values.sdkmessageid as { id: string }).id === message.id);
  const endpoint = await ops.create(
    'serviceendpoint',
    {
      name: 'hook',
      url: spec.url,
      contract: 8,
      authtype: spec.authType ?? 4,
      authvalue: spec.authValue ?? 'k3y',
    },
    ctx,
  );
  const step = await ops.create(
    'sdkmessageprocessingstep',
    {
      name: spec.name ?? 'step',
      stage: spec.stage ?? 20,
      mode: spec.mode ?? 0,
      rank: spec.rank ?? 1,
      filteringattributes: spec.filteringAttributes ?? null,
      statecode: 0,
      statuscode: 1,
      eventhandler: { logicalName: 'serviceendpoint', id: endpoint.id },
      sdkmessageid: { logicalName: 'sdkmessage', id: message.id },
      sdkmessagefilterid: filter ? { logicalName: 'sdkmessagefilter', id: filter.id } : null,
    },
    ctx,
  );
  return step.id;
}
