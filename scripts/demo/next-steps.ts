/** What `npm start` prints once the demo is done: how to carry on. */

import { EMULATOR_URL } from '../context';

/** The "what next" text for an emulator at `url` with database `db`. */
export function nextSteps(url: string, db: string): string {
  // Off the default port the commands need --url; on it they find the emulator by themselves.
  const target = url === EMULATOR_URL ? '' : ` --url ${url}`;
  const where = target
    ? `(add --url ${url}: it is not on the default ${EMULATOR_URL})`
    : '(it is the default target when DATAVERSE_URL is unset)';
  return `
Done. The emulator keeps running on ${url} (Web API ${url}/api/data/v9.2/, database ${db}).

Try the admin command line against it ${where}:
  npx portal-invite workflow show${target}
  npx portal-invite invite create --contact bob.brown@example.com --role "Partners" --expires 30d --send${target}
  npx portal-invite invite list --status sent${target}
  npx portal-invite invite bulk --csv invitees.csv --results results.csv --send${target}
  npx portal-invite workflow patch-template --subject "You're invited" --body-file invite.html \\
      --redeem-url "https://portal.example.com/register?invitation={code}" --dry-run${target}
  npx portal-invite --help

Point it at a real Dataverse org instead:
  export DATAVERSE_URL=https://<org>.crm.dynamics.com
  export AZURE_TENANT_ID=<tenant id> AZURE_CLIENT_ID=<app id> AZURE_CLIENT_SECRET=<secret>
  npx portal-invite solution pack --out dist/PortalInvitations.zip && npx portal-invite solution import --zip dist/PortalInvitations.zip --publish
  npx portal-invite webhooks register --host-url https://<your webhook host> --key <secret>

The data stays in ${db}; run npm start again to reuse it, or delete the file for a fresh start.
Press Ctrl+C to stop.
`;
}
