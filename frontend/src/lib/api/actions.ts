// What the caller may do with a resource, as the API decides it: every
// resource and list item carries `allowed_actions`, computed by the same
// policies that guard its routes (docs/development.md lists the vocabulary).
// A screen shows an action's button only when can(resource, action) says so,
// so no button leads to a 403, or to a 409 the resource's state foretells.

/** A resource as the API answers it: anything with allowed_actions. */
export type WithActions<A extends string = string> = { allowed_actions?: readonly A[] | null };

/** ActionOf is the vocabulary of a resource type (its spec enum). */
export type ActionOf<R> = R extends { allowed_actions?: readonly (infer A)[] | null } ? A : never;

/** can says whether the caller may take the action on the resource now; no resource (still loading) allows nothing. */
export function can<R extends WithActions>(resource: R | null | undefined, action: ActionOf<R>): boolean {
  return (resource?.allowed_actions ?? []).some((a) => a === action);
}

/** canAny says whether the caller may take any of the actions (a menu of several). */
export function canAny<R extends WithActions>(resource: R | null | undefined, ...actions: ActionOf<R>[]): boolean {
  return actions.some((a) => can(resource, a));
}
