import type { Answerer } from '@vigil/backstage-plugin-launch-gates-common';
import { normaliseEntityRef } from './entities';

/** Who a manual check's `answeredBy` names: their refs and how to say it. */
export function answererRefs(
  answeredBy: Answerer,
  context: {
    entityOwners: string[];
    productOwners: string[];
    sreGroups: string[];
  },
): { refs: string[]; who: string } {
  switch (answeredBy) {
    case 'owner':
      return { refs: context.entityOwners, who: "the entity's owners" };
    case 'product-owner':
      return { refs: context.productOwners, who: 'the product owners' };
    case 'sre':
      return { refs: context.sreGroups, who: 'SRE' };
    default: {
      const ref = normaliseEntityRef(answeredBy, {
        defaultNamespace: 'default',
      });
      return { refs: ref ? [ref] : [], who: answeredBy };
    }
  }
}
