/**
 * A stand-in for Dataverse for the host's benchmark: an HTTP server that answers, after a fixed
 * latency, exactly what the invitation-redeem handler asks for (WhoAmI, the invitation with its web
 * roles, the contact with its roles, the redemption's state) and 204 to every write. Stateless, so
 * every delivery does the same work: read three rows, set the account, add the role, complete the
 * redemption.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContactTable, InvitationTable, InviteRedemptionTable, WebRoleTable } from '../../sdk/entities/index';

/** The ids the stub's rows carry. */
export const STUB_IDS = {
  invitation: '11111111-1111-4111-8111-111111111111',
  contact: '22222222-2222-4222-8222-222222222222',
  account: '33333333-3333-4333-8333-333333333333',
  webRole: '44444444-4444-4444-8444-444444444444',
  redemption: '55555555-5555-4555-8555-555555555555',
  user: '66666666-6666-4666-8666-666666666666',
} as const;

/** A running stub. */
export interface DataverseStub {
  /** The environment URL to give a DataverseClient. */
  url: string;
  /** Requests answered so far. */
  requests(): number;
  close(): Promise<void>;
}

function rowFor(path: string): Record<string, unknown> | undefined {
  if (path.includes('WhoAmI')) {
    return { UserId: STUB_IDS.user, BusinessUnitId: STUB_IDS.user, OrganizationId: STUB_IDS.user };
  }
  if (path.startsWith(`${InvitationTable.entitySet}(`)) {
    return {
      '@odata.etag': 'W/"1"',
      [InvitationTable.lookups.assignToAccount.valueField]: STUB_IDS.account,
      [InvitationTable.lookups.redemptionWorkflow.valueField]: null,
      [InvitationTable.relationships.webRoles]: [{ [WebRoleTable.primaryId]: STUB_IDS.webRole }],
    };
  }
  if (path.startsWith(`${ContactTable.entitySet}(`)) {
    return {
      '@odata.etag': 'W/"1"',
      [ContactTable.lookups.parentCustomerAccount.valueField]: null,
      [WebRoleTable.relationships.contacts]: [],
    };
  }
  if (path.startsWith(`${InviteRedemptionTable.entitySet}(`)) {
    return { '@odata.etag': 'W/"1"', [InviteRedemptionTable.columns.state]: 0 };
  }
  return undefined;
}

/** Starts the stub on a free loopback port; every answer waits `latencyMs`. */
export async function startDataverseStub(latencyMs: number): Promise<DataverseStub> {
  let answered = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      setTimeout(() => {
        answered++;
        const path = (request.url ?? '').replace(/^\/api\/data\/v9\.2\//, '');
        if (request.method !== 'GET') {
          response.writeHead(204, { 'OData-Version': '4.0' }).end();
          return;
        }
        const row = rowFor(path);
        const body = JSON.stringify(row ?? { error: { code: '0x80040217', message: 'Not in the stub.' } });
        response
          .writeHead(row ? 200 : 404, { 'content-type': 'application/json', 'OData-Version': '4.0' })
          .end(body);
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
