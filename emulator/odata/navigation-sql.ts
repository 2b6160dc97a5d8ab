/**
 * SQL for following a collection-valued navigation (N:N through its link table, 1:N through the
 * child's lookup), shared by `$filter` any/all, `$expand` and navigation GETs.
 */
import type { Navigation } from '../metadata';
import { tableByLogicalName } from '../metadata';
import type { TableMeta } from '../metadata';
import { ident } from '../store/schema';
import type { RowSource } from './list';

/** `FROM <target> <alias> ... WHERE <joined to parentKey>` (an SQL expression or `?`). */
function collectionSql(nav: Navigation, parent: TableMeta, alias: string, parentKey: string): string {
  const target = tableByLogicalName(nav.target) as TableMeta;
  if (nav.kind === 'oneToMany') {
    return `FROM ${ident(target.logicalName)} ${alias} WHERE ${alias}.${ident(nav.relationship.lookup)} = ${parentKey}`;
  }
  if (nav.kind === 'manyToMany') {
    const rel = nav.relationship;
    const [mine, other] = rel.entity1 === parent.logicalName ? ['id1', 'id2'] : ['id2', 'id1'];
    const link = `${alias}_l`;
    return `FROM ${ident(rel.intersect)} ${link} JOIN ${ident(target.logicalName)} ${alias} ON ${alias}.${ident(target.primaryId)} = ${link}."${other}" WHERE ${link}."${mine}" = ${parentKey}`;
  }
  throw new Error(`Navigation to ${nav.target} is single-valued, not a collection.`);
}

/**
 * `FROM <target> <alias> ... WHERE <joined to parent>` for a collection navigation of `parent`
 * (rows aliased `parentAlias`); the caller may append `AND ...`.
 */
export function collectionJoin(
  nav: Navigation,
  parent: TableMeta,
  parentAlias: string,
  alias: string,
): string {
  return collectionSql(nav, parent, alias, `${parentAlias}.${ident(parent.primaryId)}`);
}

/** The rows a collection navigation of one parent row leads to. */
export function navigationSource(nav: Navigation, parent: TableMeta, parentId: string): RowSource {
  return { from: collectionSql(nav, parent, 'x', '?'), params: [parentId], alias: 'x' };
}
