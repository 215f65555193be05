// What the caller may do with a resource, as the API decides it: every
// resource and list item carries `allowed_actions`, computed by the same
// policies that guard its routes (docs/development.md lists the vocabulary).
// A screen shows an action's button only when can(resource, action) says so,
// so no button leads to a 403, or to a 409 the resource's state foretells.

import type { ResponseOf } from './types';

/** A resource as the API answers it: anything with allowed_actions. */
export type WithActions<A extends string = string> = { allowed_actions?: readonly A[] | null };

/** ActionOf is the vocabulary of a resource type (its spec enum). */
export type ActionOf<R> = R extends { allowed_actions?: readonly (infer A)[] | null } ? A : never;

/** can says whether the caller may take the action on the resource now; no resource (still loading) allows nothing. */
export function can<R extends WithActions>(resource: R | null | undefined, action: ActionOf<R>): boolean {
  return offers(resource, action);
}

/** canAny says whether the caller may take any of the actions (a menu of several). */
export function canAny<R extends WithActions>(resource: R | null | undefined, ...actions: ActionOf<R>[]): boolean {
  return actions.some((a) => can(resource, a));
}

/** offers is `can` for code shared by every resource (CrudPage): the action by name, unchecked against a vocabulary. */
export function offers(resource: WithActions | null | undefined, action: string): boolean {
  return (resource?.allowed_actions ?? []).some((a) => a === action);
}

// Creating has no resource yet, and a list carries no allowed_actions of its
// own, so a "new" button cannot ask the API. Its decision is here, once: each
// collection's create policy as the API's policy.go has it (the role, and for
// a mentor the unit), read by canCreate. The API still decides; a change of a
// create policy in the API changes this table too (docs/frontend.md).

type Role = ResponseOf<'/me'>['role'];

/** CreatePolicy is who may create in a collection; ownUnit: a mentor only for their own units. */
type CreatePolicy = { roles: readonly Role[]; ownUnit?: boolean };

const createPolicies = {
  // calendar: canProposeActivities (a mentor proposes for their own units), canWriteCatalogue
  activity: { roles: ['admin', 'producer', 'mentor'], ownUnit: true },
  partner: { roles: ['admin', 'producer'] },
  series: { roles: ['admin', 'producer'] },
  // feed: canManageTokens
  feed_token: { roles: ['admin', 'producer'] },
  // org: canWriteDepartments, canWriteUnits
  department: { roles: ['admin'] },
  unit: { roles: ['admin', 'producer'] },
  // budget: canWrite
  agreement: { roles: ['admin', 'producer'] },
  cost: { roles: ['admin', 'producer'] },
  // committee: canWriteCommittees, canWritePersonal, canManageResidents, canWriteMentors
  committee: { roles: ['admin', 'mentor'], ownUnit: true },
  idea: { roles: ['admin', 'mentor'], ownUnit: true },
  committee_member: { roles: ['admin', 'mentor'], ownUnit: true },
  meeting: { roles: ['admin', 'mentor'], ownUnit: true },
  resident: { roles: ['admin', 'mentor'], ownUnit: true },
  mentor: { roles: ['admin', 'producer'] },
  // programme: canManageScreens (also canPrint)
  screen_token: { roles: ['admin', 'producer', 'mentor'], ownUnit: true },
  // auth: canManage
  user: { roles: ['admin'] },
  api_token: { roles: ['admin'] },
} as const satisfies Record<string, CreatePolicy>;

/** Creatable names a collection with a create policy here. */
export type Creatable = keyof typeof createPolicies;

/** Caller is the part of /me a create policy reads. */
export type Caller = Pick<ResponseOf<'/me'>, 'role'> & { unit_ids?: readonly string[] | null };

/**
 * proposesOnly says whether the caller's activities are proposals only: a mentor proposes (the API's
 * canCreateActivity and canChangeActivity), the producer and admins plan and confirm.
 */
export function proposesOnly(me: Caller | null | undefined): boolean {
  return me?.role === 'mentor';
}

/**
 * canCreate says whether the caller may create in the collection, for the
 * unit when the collection is a unit's (a mentor only in their own units;
 * without a unit, a mentor's form offers only their own units).
 */
export function canCreate(me: Caller | null | undefined, what: Creatable, unitId?: string | null): boolean {
  if (!me) return false;
  const p: CreatePolicy = createPolicies[what];
  if (!p.roles.includes(me.role)) return false;
  if (p.ownUnit && me.role === 'mentor' && unitId) return (me.unit_ids ?? []).includes(unitId);
  return true;
}
