import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { registerWebhooks } from '../../../plugins/registration';
import { DataverseClient, StaticTokenCredential } from '../../../sdk/client/index';
import { parseRemoteExecutionContext, serializeRemoteExecutionContext } from '../../../sdk/webhooks/index';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

/**
 * The emulator's context for the case of the documented sample (use-webhooks.md: Update of contact,
 * filtering attributes firstname,lastname, PostOperation, asynchronous), compared with the sample
 * field by field and in the same key order. Ids and times differ by nature; the few other
 * differences are named in `normalise` with the reason for each.
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks#request-body
 */
type Json = Record<string, unknown>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WCF_DATE = /^\/Date\(\d+([+-]\d{4})?\)\/$/;

/** DataMembers of RemoteExecutionContext (IsRequired=false) that post-date the 2017 sample. */
const NEWER_MEMBERS = [
  'InitiatingUserAgent',
  'InitiatingUserAzureActiveDirectoryObjectId',
  'UserAzureActiveDirectoryObjectId',
];

function sample(): Json {
  const file = join(__dirname, '../../plugins/fixtures/webhook-docs-update-contact.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function pairs(json: unknown): { key: string; value: unknown }[] {
  return json as { key: string; value: unknown }[];
}

/** Ids become `<guid>`, dates `<date>`: what a second run of the same case would change. */
function scrub(value: unknown): unknown {
  if (typeof value === 'string') return GUID.test(value) ? '<guid>' : WCF_DATE.test(value) ? '<date>' : value;
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
}

/** One context (and its ParentContext) with what legitimately differs set aside. */
function normalise(context: Json): Json {
  const copy = structuredClone(context);
  for (const member of NEWER_MEMBERS) delete copy[member];
  // Names of the org and of the step are the registration's: the sample's step has none (Name null).
  copy.OrganizationName = '<org>';
  (copy.OwningExtension as Json).Name = '<step>';
  const target = pairs(copy.InputParameters).find((p) => p.key === 'Target')?.value as Json | undefined;
  // The emulator's contact has no yomi (phonetic) columns.
  if (target) target.Attributes = pairs(target.Attributes).filter((a) => a.key !== 'yomifullname');
  for (const variable of pairs(copy.SharedVariables)) {
    // The real list names every table a contact change may cascade to; the emulator names contact only.
    if (variable.key === 'ChangedEntityTypes') {
      variable.value = pairs(variable.value).filter((p) => p.key === copy.PrimaryEntityName);
    }
  }
  if (copy.ParentContext) copy.ParentContext = normalise(copy.ParentContext as Json);
  return scrub(copy) as Json;
}

let emulator: Emulator;
let receiver: WebhookReceiver;
let client: DataverseClient;

beforeAll(async () => {
  emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
  receiver = await startWebhookReceiver();
  client = new DataverseClient({
    url: emulator.url,
    credential: new StaticTokenCredential('test-token'),
    maxAttempts: 1,
  });
  await registerWebhooks(client, {
    hostUrl: receiver.url,
    key: 'sample-key',
    steps: [
      {
        name: 'Update of contact',
        message: 'Update',
        entity: 'contact',
        stage: 40,
        mode: 1,
        rank: 1,
        filteringAttributes: ['firstname', 'lastname'],
        handler: 'none',
      },
    ],
  });
  const id = await client.create('contacts', { firstname: 'Jim', lastname: 'Glynn (sample)' });
  await client.update('contacts', id, { firstname: 'James' });
  await emulator.whenIdle();
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

function posted(): Json {
  expect(receiver.received).toHaveLength(1);
  return receiver.received[0].json;
}

describe('the context of an async PostOperation Update of a contact', () => {
  it('has the documented sample fields, values and key order, ids and times aside', () => {
    expect(JSON.stringify(normalise(posted()), null, 1)).toBe(JSON.stringify(normalise(sample()), null, 1));
  });

  it('carries the Entra object ids of the calling user, the members newer than the sample', () => {
    const json = posted();
    expect(json.UserAzureActiveDirectoryObjectId).toMatch(GUID);
    expect(json.InitiatingUserAzureActiveDirectoryObjectId).toBe(json.UserAzureActiveDirectoryObjectId);
    expect((json.ParentContext as Json).UserAzureActiveDirectoryObjectId).toBe(
      json.UserAzureActiveDirectoryObjectId,
    );
  });

  it('names the step in OwningExtension, in both contexts', () => {
    const json = posted();
    expect(json.OwningExtension).toMatchObject({
      LogicalName: 'sdkmessageprocessingstep',
      Name: 'Update of contact',
    });
    expect((json.ParentContext as Json).OwningExtension).toEqual(json.OwningExtension);
  });

  it('shares the operation id and creation time with its ParentContext', () => {
    const json = posted();
    const parent = json.ParentContext as Json;
    expect(parent.OperationId).toBe(json.OperationId);
    expect(parent.OperationCreatedOn).toBe(json.OperationCreatedOn);
  });

  it('reads and writes back unchanged through the SDK codec, as the documented sample does', () => {
    for (const json of [posted(), sample()]) {
      const again = serializeRemoteExecutionContext(parseRemoteExecutionContext(json));
      expect(JSON.stringify(again)).toBe(JSON.stringify(json));
    }
  });
});
