/**
 * The N:N side of Associate/Disassociate: checks the relationship and both rows, then adds or
 * removes the link rows. The pipeline and transaction around it belong to operations.ts.
 */
import type { LookupValue } from './contracts';
import { DataverseFault, ErrorCodes, notFound } from './errors';
import { manyToManyByName } from './metadata';
import type { ManyToManyMeta } from './metadata';
import { mustTable } from './store/store';
import type { Store } from './store/store';
import { isGuid } from './validation';

/** A checked link request: the relationship, the row and the related rows (ids normalised). */
export interface LinkPlan {
  rel: ManyToManyMeta;
  id: string;
  refs: LookupValue[];
}

/** Checks that `relationship` joins `entityName` to the related rows and that all of them exist. */
export function planLinks(
  store: Store,
  relationship: string,
  entityName: string,
  id: string,
  related: LookupValue[],
): LinkPlan {
  const rel = manyToManyByName(relationship);
  if (!rel || (rel.entity1 !== entityName && rel.entity2 !== entityName)) {
    throw new DataverseFault(
      400,
      ErrorCodes.ResourceNotFound,
      `${entityName} has no N:N relationship '${relationship}'.`,
    );
  }
  const other = rel.entity1 === entityName ? rel.entity2 : rel.entity1;
  const row = isGuid(id) ? store.get(mustTable(entityName).logicalName, id) : undefined;
  if (!row) throw notFound(entityName, id);
  const refs = related.map((r) => {
    if (r.logicalName !== other) {
      throw new DataverseFault(
        400,
        ErrorCodes.InvalidArgument,
        `${relationship} relates ${entityName} to ${other}, not ${r.logicalName}.`,
      );
    }
    const target = isGuid(r.id) ? store.get(other, r.id) : undefined;
    if (!target) throw notFound(other, r.id);
    return { logicalName: other, id: target.id };
  });
  return { rel, id: row.id, refs };
}

/** Writes the links of a plan; associating a pair that is already linked is a duplicate (412). */
export function applyLinks(store: Store, plan: LinkPlan, entityName: string, associate: boolean): void {
  const { rel } = plan;
  for (const ref of plan.refs) {
    const [id1, id2] = rel.entity1 === entityName ? [plan.id, ref.id] : [ref.id, plan.id];
    const changed = associate ? store.link(rel, id1, id2) : store.unlink(rel, id1, id2);
    if (!changed && associate) {
      throw new DataverseFault(
        412,
        ErrorCodes.DuplicateRecord,
        `Cannot insert duplicate key: ${entityName} ${plan.id} and ${ref.logicalName} ${ref.id} are already associated through ${rel.schemaName}.`,
      );
    }
  }
}
