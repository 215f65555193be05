// Moving, cancelling and restoring one occurrence of a recurring activity
// (the activity's occurrence overrides).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf, type BodyOf, type ItemOf, type Page } from '@/lib/api/types';

/** Override is a moved or cancelled occurrence. */
export type Override = ItemOf<'/activities/{id}/overrides'>;
/** OverrideInput creates an override. */
export type OverrideInput = BodyOf<'/activities/{id}/overrides', 'post'>;
/** OverridePatch changes an override. */
export type OverridePatch = BodyOf<'/activities/{id}/overrides/{override_id}', 'patch'>;

/** getOverrides reads an activity's overrides (for their versions). */
export const getOverrides = async (id: string): Promise<Page<Override>> =>
  pageOf(await unwrap(api.GET('/activities/{id}/overrides', { params: { path: { id }, query: { limit: 200 } } })));
/** getOverridesQueryOptions caches them under ['overrides', id]. */
export const getOverridesQueryOptions = (id: string | undefined, enabled = true) =>
  queryOptions({ queryKey: ['overrides', id], queryFn: () => getOverrides(id ?? ''), enabled: !!id && enabled });
/** useOverrides lists an activity's overrides. */
export const useOverrides = (id: string | undefined, enabled = true) => useQuery(getOverridesQueryOptions(id, enabled));

/**
 * OverrideChange is one action on an occurrence: a new override (`create`),
 * a change of an existing one (`update`), or restoring it (`restore`).
 */
export type OverrideChange =
  | { kind: 'create'; body: OverrideInput }
  | { kind: 'update'; overrideId: string; version?: number; body: OverridePatch }
  | { kind: 'restore'; overrideId: string; version?: number; allowOverlap?: boolean };

/** changeOccurrence moves, cancels or restores one occurrence. */
export async function changeOccurrence(activityId: string, c: OverrideChange): Promise<unknown> {
  switch (c.kind) {
    case 'create':
      return unwrap(api.POST('/activities/{id}/overrides', { params: { path: { id: activityId } }, body: c.body }));
    case 'update':
      return unwrap(
        api.PATCH('/activities/{id}/overrides/{override_id}', {
          params: { path: { id: activityId, override_id: c.overrideId } },
          headers: ifMatch(c.version),
          body: c.body,
        }),
      );
    case 'restore':
      return done(
        api.DELETE('/activities/{id}/overrides/{override_id}', {
          params: { path: { id: activityId, override_id: c.overrideId }, query: c.allowOverlap ? { allow_overlap: true } : {} },
          headers: ifMatch(c.version),
        }),
      );
  }
}

/** useChangeOccurrence changes one occurrence and refreshes the views that show it. */
export function useChangeOccurrence(activityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: OverrideChange) => changeOccurrence(activityId, c),
    onSuccess: () => {
      for (const key of ['overrides', 'occurrences', 'calendar', 'attendance']) qc.invalidateQueries({ queryKey: [key] });
    },
  });
}
