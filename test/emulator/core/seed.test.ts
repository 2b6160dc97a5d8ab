import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEED } from '../../../emulator/core';
import { packageRoot, readSendInvitationXaml, SEND_INVITATION_XAML } from '../../../emulator/seed';
import { startTestEmulator } from './helpers';

describe('emulator core: seed', () => {
  test('seeds the sample portal with fixed ids', async () => {
    const em = await startTestEmulator();
    try {
      const { ops } = em.core;
      expect(ops.retrieve('systemuser', SEED.systemUserId)?.values.fullname).toBe('Avery Admin');
      expect(ops.retrieve('adx_website', SEED.websiteId)).toBeDefined();
      expect(
        ops
          .find('adx_webrole')
          .map((r) => r.values.adx_name)
          .sort(),
      ).toEqual(['Administrators', 'Authenticated Users', 'Partners']);
      expect(ops.retrieve('account', SEED.accountId)?.values.name).toBe('Contoso Partners');
      expect(ops.retrieve('contact', SEED.contacts.noEmail)?.values.emailaddress1).toBeNull();
      expect(ops.find('contact').filter((c) => typeof c.values.emailaddress1 === 'string')).toHaveLength(5);
      expect(ops.retrieve('workflow', SEED.sendInvitationWorkflowId)?.values.xaml).toBe(
        readSendInvitationXaml(),
      );
    } finally {
      await em.close();
    }
  });

  test('does not seed a store that already has data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-seed-'));
    const db = path.join(dir, 'seed.db');
    try {
      const first = await startTestEmulator({ db });
      await first.request('PATCH', `contacts(${SEED.contacts.alice})`, { body: { jobtitle: 'Kept' } });
      await first.close();
      const second = await startTestEmulator({ db });
      expect(second.core.ops.retrieve('contact', SEED.contacts.alice)?.values.jobtitle).toBe('Kept');
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the package root is found from a nested folder such as dist/emulator', () => {
    expect(packageRoot(path.join(packageRoot(), 'dist', 'emulator'))).toBe(packageRoot());
  });

  test('a missing workflow file is a clear error naming the path', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-root-'));
    try {
      expect(() => readSendInvitationXaml(root)).toThrow(SEND_INVITATION_XAML);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
