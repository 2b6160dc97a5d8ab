/**
 * A workflow name holding what a URL gives a meaning to (`#` ends it, `&` starts another option,
 * `+` reads as a space, `'` ends an OData string) still finds its definition: the query builder
 * quotes it as one OData literal and the URL carries it percent-encoded.
 */
import nock from 'nock';
import { SEED } from '../../emulator/core';
import { startEmulator, type Emulator } from '../../emulator/index';
import { DataverseClient, StaticTokenCredential } from '../../sdk/client';
import { WorkflowTable, workflowSelect } from '../../sdk/entities/workflow';
import { WorkflowService } from '../../sdk/workflows/workflow-service';
import { FIXTURE_URL } from '../support/fixtures';
import { testClient } from '../support/test-client';

const NAME = "Q&A #1 + O'Brien's flow";
const API = '/api/data/v9.2/';

describe('finding a workflow definition whose name needs encoding', () => {
  afterEach(() => nock.cleanAll());

  it('sends the name as one quoted literal, percent-encoded', async () => {
    const select = [...workflowSelect, WorkflowTable.columns.xaml].join(',');
    const expected =
      `${API}workflows?$select=${select}` +
      '&$filter=name%20eq%20%27Q%26A%20%231%20%2B%20O%27%27Brien%27%27s%20flow%27' +
      '%20and%20type%20eq%201%20and%20category%20eq%200&$top=50';
    const scope = nock(FIXTURE_URL)
      .get((path) => path === expected)
      .reply(200, {
        value: [
          { workflowid: SEED.sendInvitationWorkflowId, name: NAME, type: 1, category: 0, statecode: 1 },
        ],
      });
    const found = await new WorkflowService(testClient(FIXTURE_URL).client).findDefinition(NAME);
    expect(found.name).toBe(NAME);
    scope.done();
  });

  describe('against the emulator', () => {
    let emulator: Emulator;
    let client: DataverseClient;

    beforeEach(async () => {
      emulator = await startEmulator({ db: ':memory:', port: 0, seed: true });
      client = new DataverseClient({ url: emulator.url, credential: new StaticTokenCredential('test') });
    });
    afterEach(() => emulator.close());

    it('finds the one definition with exactly that name', async () => {
      const { entitySet, columns: c } = WorkflowTable;
      const seeded = await client.retrieve<Record<string, unknown>>(
        entitySet,
        SEED.sendInvitationWorkflowId,
        {
          select: [c.xaml],
        },
      );
      const id = await client.create(entitySet, {
        [c.name]: NAME,
        [c.xaml]: seeded[c.xaml],
        primaryentity: 'adx_invitation',
        category: 0,
        type: 1,
        ondemand: true,
      });
      // Decoys that a broken URL would match: the name cut at `#` or at `&`, and `+` read as a space.
      for (const decoy of ['Q', 'Q&A ', "Q&A #1   O'Brien's flow"]) {
        await client.create(entitySet, {
          [c.name]: decoy,
          [c.xaml]: seeded[c.xaml],
          primaryentity: 'adx_invitation',
          category: 0,
          type: 1,
        });
      }
      const found = await new WorkflowService(client).findDefinition(NAME);
      expect(found).toMatchObject({ id, name: NAME });
    });
  });
});
