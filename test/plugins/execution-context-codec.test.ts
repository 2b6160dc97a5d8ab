import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Entity,
  EntityCollection,
  EntityReference,
  ExecutionContextFormatError,
  Money,
  OffsetDate,
  OptionSetValue,
  parseRemoteExecutionContext,
  partiesOf,
  serializeRemoteExecutionContext,
  targetOf,
} from '../../sdk/webhooks';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as Record<string, unknown>;
}

/** Key order matters to a reader that diffs payloads: compare the JSON text, not only the values. */
function roundTrip(json: Record<string, unknown>): string {
  return JSON.stringify(serializeRemoteExecutionContext(parseRemoteExecutionContext(json)));
}

describe('RemoteExecutionContext codec', () => {
  it('round-trips the documented Update sample to the same JSON, keys in the same order', () => {
    const sample = fixture('webhook-docs-update-contact.json');
    expect(roundTrip(sample)).toBe(JSON.stringify(sample));
  });

  it('round-trips a Create payload with money, choices, party lists and Entra ids', () => {
    const sample = fixture('webhook-create-all-types.json');
    expect(roundTrip(sample)).toBe(JSON.stringify(sample));
  });

  it('reads the Target as an Entity with typed attribute values', () => {
    const ctx = parseRemoteExecutionContext(fixture('webhook-create-all-types.json'));
    const target = targetOf(ctx) as Entity;
    expect(target.logicalName).toBe('shko_allfields');
    expect(target.attributes.shko_currency).toEqual(new Money(100));
    expect(target.attributes.statecode).toEqual(new OptionSetValue(0));
    expect(target.attributes.ownerid).toBeInstanceOf(EntityReference);
    expect(target.attributes.shko_datetime).toEqual(new Date(1697526000000));
    expect(target.formattedValues?.statecode).toBe('Active');
  });

  it('reads a party list as an EntityCollection whose parties are references', () => {
    const ctx = parseRemoteExecutionContext(fixture('webhook-create-all-types.json'));
    const customers = targetOf(ctx)?.attributes.customers;
    expect(customers).toBeInstanceOf(EntityCollection);
    expect(partiesOf(customers)).toEqual([
      expect.objectContaining({ logicalName: 'contact', id: '2f8e0c55-3b4a-4c8e-9a11-6d0f1e2a3b4c' }),
    ]);
  });

  it('keeps the time-zone suffix of OperationCreatedOn while reading the instant as UTC', () => {
    const ctx = parseRemoteExecutionContext(fixture('webhook-docs-update-contact.json'));
    expect(ctx.operationCreatedOn).toBeInstanceOf(OffsetDate);
    expect(ctx.operationCreatedOn.getTime()).toBe(1506409448000);
    expect(ctx.parentContext?.stage).toBe(30);
  });

  it('reads the fields the pipeline needs', () => {
    const ctx = parseRemoteExecutionContext(fixture('webhook-docs-update-contact.json'));
    expect(ctx).toMatchObject({
      messageName: 'Update',
      primaryEntityName: 'contact',
      stage: 40,
      mode: 1,
      depth: 1,
    });
    expect(ctx.requestId).toBeNull();
    expect(ctx.postEntityImages.AsynchronousStepPrimaryName.attributes.fullname).toBe('James Glynn (sample)');
  });

  it('reads a trimmed oversized payload (no InputParameters, images or ParentContext) as empty', () => {
    const sample = fixture('webhook-docs-update-contact.json');
    for (const field of ['InputParameters', 'PreEntityImages', 'PostEntityImages', 'ParentContext'])
      delete sample[field];
    const ctx = parseRemoteExecutionContext(sample);
    expect(ctx.inputParameters).toEqual({});
    expect(ctx.parentContext).toBeNull();
  });

  it('reads back what it writes for a context built in-process, typed values included', () => {
    const target: Entity = {
      logicalName: 'adx_invitation',
      id: '12345678-1234-1234-1234-123456789012',
      attributes: {
        adx_type: new OptionSetValue(756150000),
        adx_expirydate: new Date(Date.UTC(2030, 0, 1)),
        adx_invitecontact: new EntityReference('contact', '22222222-2222-2222-2222-222222222222', null),
      },
      formattedValues: {},
    };
    const ctx = parseRemoteExecutionContext(fixture('webhook-create-all-types.json'));
    ctx.inputParameters = { Target: target };
    const again = parseRemoteExecutionContext(
      JSON.parse(JSON.stringify(serializeRemoteExecutionContext(ctx))),
    );
    expect(targetOf(again)?.attributes).toEqual(target.attributes);
  });

  it('rejects a body that is not an object', () => {
    expect(() => parseRemoteExecutionContext([1, 2])).toThrow(ExecutionContextFormatError);
  });

  it('names a missing required field', () => {
    const sample = fixture('webhook-docs-update-contact.json');
    delete sample.MessageName;
    expect(() => parseRemoteExecutionContext(sample)).toThrow(
      /at MessageName: missing \(expected a string\)/,
    );
  });

  it('names the path of a malformed nested value', () => {
    const sample = fixture('webhook-docs-update-contact.json');
    sample.InputParameters = [
      { key: 'Target', value: { __type: 'Money:http://schemas.microsoft.com/xrm/2011/Contracts' } },
    ];
    expect(() => parseRemoteExecutionContext(sample)).toThrow(
      /InputParameters\[0\]\.value\.Value: expected a number/,
    );
  });

  it('rejects a parameter list that is not an array of {key, value}', () => {
    const sample = fixture('webhook-docs-update-contact.json');
    sample.SharedVariables = { a: 1 };
    expect(() => parseRemoteExecutionContext(sample)).toThrow(/SharedVariables: expected an array/);
  });

  it('rejects an unreadable date', () => {
    const sample = fixture('webhook-docs-update-contact.json');
    sample.OperationCreatedOn = '2020-01-01';
    expect(() => parseRemoteExecutionContext(sample)).toThrow(/OperationCreatedOn: expected a date/);
  });
});
