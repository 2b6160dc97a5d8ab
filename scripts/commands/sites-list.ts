/** `portal-invite sites list`: the Power Pages sites of the environment, of both data models. */
import type { Command } from 'commander';
import { dataModelLabel, SiteService, type Site } from '../../sdk/sites/index';
import { action, examples } from '../command';
import { table } from '../output';

/** The sites as a table: name, id, data model, primary domain. */
export function siteTable(sites: readonly Site[]): string {
  return table(
    ['NAME', 'ID', 'MODEL', 'DOMAIN'],
    sites.map((s) => [s.active ? s.name : `${s.name} (inactive)`, s.id, s.dataModel, s.primaryDomain ?? '']),
  );
}

/** Registers `sites list` under the `sites` group. */
export function registerSitesList(group: Command): void {
  group
    .command('list')
    .description('list the Power Pages sites (enhanced and standard data model) with their ids')
    .addHelpText(
      'after',
      '\nAn invitation is for one site: pass its name or id to `invite create --site` or `invite bulk --site`.\n' +
        `The MODEL column says where its web roles live: enhanced (${dataModelLabel('enhanced')}: powerpagecomponent)\n` +
        `or standard (${dataModelLabel('standard')}: adx_webrole).\n` +
        examples([
          ['portal-invite sites list', 'the sites of the environment'],
          ['portal-invite sites list --json', 'the same, as JSON'],
        ]),
    )
    .action(
      action(async (ctx) => {
        const sites = await new SiteService(ctx.client).list();
        ctx.out.data(sites, () => (sites.length === 0 ? 'No Power Pages sites.' : siteTable(sites)));
      }),
    );
}
