import { readFileSync } from 'fs';
import { join } from 'path';

/** The real exported Send Email workflow (primary table account). */
export const referenceXaml = readFileSync(join(__dirname, 'fixtures', 'send-email-workflow.xaml'), 'utf8');

/** The seeded Send Invitation definition shipped in solution/src. */
export const seededXaml = readFileSync(
  join(
    __dirname,
    '..',
    '..',
    'solution',
    'src',
    'Workflows',
    'SendInvitation-C1D4A9A2-7F1E-4B8E-9A55-0D6B2E8F3A11.xaml',
  ),
  'utf8',
);

/**
 * The reference export turned into an adx_invitation workflow (account → adx_invitation) with a CC
 * read from adx_invitercontact: a compact, single-line Send Email step to patch.
 */
export const compactInvitationXaml = readFileSync(
  join(__dirname, 'fixtures', 'send-email-on-invitation.xaml'),
  'utf8',
);
