// Moving, cancelling and restoring one occurrence of a recurring activity
// (the activity's occurrence overrides).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { BodyOf, ItemOf } from '@/lib/api/types';

/** Override is a moved or cancelled occurrence. */
export type Override = ItemOf<'/activities/{id}/overrides'>;
/** OverrideInput creates an override. */
export type OverrideInput = BodyOf<'/activities/{id}/overrides', 'post'>;
/** OverridePatch changes an override. */
export type OverridePatch = BodyOf<'/activities/{id}/overrides/{override_id}', 'patch'>;

/** useOverrides lists an activity's overrides (for their versions). */
export function useOverrides(activityId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['overrides', activityId],
    queryFn: () => unwrap(api.GET('/activities/{id}/overrides', { params: { path: { id: activityId! }, query: { limit: 200 } } })),
    enabled: !!activityId && enabled,
  });
}

/**
 * OverrideChange is one action on an occurrence: a new override (`create`),
 * a change of an existing one (`update`), or restoring it (`restore`).
 */
export type OverrideChange =
  | { kind: 'create'; body: OverrideInput }
  | { kind: 'update'; overrideId: string; version?: number; body: OverridePatch }
  | { kind: 'restore'; overrideId: string; version?: number; allowOverlap?: boolean };

/** useChangeOccurrence moves, cancels or restores one occurrence. */
export function useChangeOccurrence(activityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (c: OverrideChange) => {
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
          return unwrap(
            api.DELETE('/activities/{id}/overrides/{override_id}', {
              params: { path: { id: activityId, override_id: c.overrideId }, query: c.allowOverlap ? { allow_overlap: true } : {} },
              headers: ifMatch(c.version),
            } as never),
          );
      }
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['overrides', activityId] });
      qc.invalidateQueries({ queryKey: ['calendar'] });
    },
  });
}
