/**
 * `explain(code, who)`: the contact asked about, given by id or e-mail address. Each refusal that
 * depends on who redeems has its own test: not the invited contact (single and group), no such
 * contact, an inactive contact, an e-mail several active contacts share.
 */
import { InvalidArgumentError } from '../../sdk/errors';
import { InvitationService } from '../../sdk/invitations/index';
import { reasonCodes, SEED, startExplainEnv, writesSent, type ExplainEnv } from './explain-support';

let env: ExplainEnv;
beforeEach(async () => {
  env = await startExplainEnv();
});
afterEach(async () => {
  expect(writesSent(env)).toEqual([]);
  await env.close();
});

const MISSING = '0f0d6d3e-1c49-4f7b-9d0e-5a2b7c0effff';

test('the contact may be given by e-mail address', async () => {
  const created = await env.service.create({ type: 'single', contact: 'alice.adams@example.com' });
  const e = await env.explain(created.code!, 'alice.adams@example.com');
  expect(e.who).toMatchObject({ id: SEED.contacts.alice });
  expect(reasonCodes(e)).toEqual([]);
});

test('another contact than the invited one is refused as not invited, naming both', async () => {
  const created = await env.service.create({ type: 'single', contact: 'alice.adams@example.com' });
  const e = await env.explain(created.code!, 'bob.brown@example.com');
  expect(reasonCodes(e)).toEqual(['not_invited']);
  expect(e.reasons[0].detail).toContain('is for Alice Adams');
  expect(e.reasons[0].detail).toContain('Bob Brown <bob.brown@example.com>');
});

test('a contact outside a group invitation’s invited contacts is refused as not invited', async () => {
  const created = await env.service.create({
    type: 'group',
    contacts: ['alice.adams@example.com', 'bob.brown@example.com'],
  });
  const e = await env.explain(created.code!, SEED.contacts.carol);
  expect(reasonCodes(e)).toEqual(['not_invited']);
  expect(e.reasons[0].detail).toContain('not one of the 2 contacts invited');
  expect(reasonCodes(await env.explain(created.code!, SEED.contacts.bob))).toEqual([]);
});

test('without a contact, who may redeem is a note, not a refusal', async () => {
  const created = await env.service.create({ type: 'single', contact: 'alice.adams@example.com' });
  const e = await env.explain(created.code!);
  expect(reasonCodes(e)).toEqual([]);
  expect(e.notes).toContain(
    `Only Alice Adams <alice.adams@example.com> (${SEED.contacts.alice}) may redeem it.`,
  );
});

test('a contact id nobody has is refused as contact not found', async () => {
  const created = await env.service.create({ type: 'group', contacts: [] });
  const e = await env.explain(created.code!, MISSING);
  expect(reasonCodes(e)).toEqual(['contact_not_found']);
  expect(e.reasons[0].detail).toBe(`No contact has the id ${MISSING}.`);
});

test('an e-mail address no contact has is refused as contact not found', async () => {
  const created = await env.service.create({ type: 'group', contacts: [] });
  const e = await env.explain(created.code!, 'nobody@example.com');
  expect(reasonCodes(e)).toEqual(['contact_not_found']);
  expect(e.reasons[0].detail).toContain('the e-mail address nobody@example.com');
});

test('an inactive contact is refused as contact inactive', async () => {
  const created = await env.service.create({ type: 'group', contacts: [] });
  await env.client.update('contacts', SEED.contacts.dan, { statecode: 1, statuscode: 2 });
  const e = await env.explain(created.code!, SEED.contacts.dan);
  expect(reasonCodes(e)).toEqual(['contact_inactive']);
});

test('an e-mail address two active contacts share is refused as ambiguous, listing both', async () => {
  const created = await env.service.create({ type: 'group', contacts: [] });
  const twin = await env.client.create('contacts', {
    firstname: 'Erin',
    lastname: 'Twin',
    emailaddress1: 'erin.evans@example.com',
  });
  const e = await env.explain(created.code!, 'erin.evans@example.com');
  expect(reasonCodes(e)).toEqual(['contact_ambiguous']);
  expect(e.reasons[0].detail).toContain(SEED.contacts.erin);
  expect(e.reasons[0].detail).toContain(twin);
  expect(e.reasons[0].fix).toContain('contact id');
});

test('with the code unknown, the contact is still checked', async () => {
  const e = await env.explain('no-such-code-at-all', MISSING);
  expect(reasonCodes(e)).toEqual(['not_found', 'contact_not_found']);
});

test('the contact may also be given as { contactId } or { email }', async () => {
  const created = await env.service.create({ type: 'single', contact: 'alice.adams@example.com' });
  const service = new InvitationService(env.recorder.client);
  expect((await service.explain(created.code!, { contactId: SEED.contacts.alice })).who?.id).toBe(
    SEED.contacts.alice,
  );
  expect(reasonCodes(await service.explain(created.code!, { email: 'bob.brown@example.com' }))).toEqual([
    'not_invited',
  ]);
});

test('a blank code or a blank contact is refused before anything is sent', async () => {
  const service = new InvitationService(env.recorder.client);
  await expect(service.explain('  ')).rejects.toBeInstanceOf(InvalidArgumentError);
  await expect(service.explain('some-code', { email: ' ' })).rejects.toBeInstanceOf(InvalidArgumentError);
  expect(env.recorder.requests).toEqual([]);
});
