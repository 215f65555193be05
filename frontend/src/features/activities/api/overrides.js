// Moving, cancelling and restoring one occurrence of a recurring activity
// (the activity's occurrence overrides).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf } from '@/lib/api/types';
/** getOverrides reads an activity's overrides (for their versions). */
export const getOverrides = async (id) => pageOf(await unwrap(api.GET('/activities/{id}/overrides', { params: { path: { id }, query: { limit: 200 } } })));
/** getOverridesQueryOptions caches them under ['overrides', id]. */
export const getOverridesQueryOptions = (id, enabled = true) => queryOptions({ queryKey: ['overrides', id], queryFn: () => getOverrides(id ?? ''), enabled: !!id && enabled });
/** useOverrides lists an activity's overrides. */
export const useOverrides = (id, enabled = true) => useQuery(getOverridesQueryOptions(id, enabled));
/** changeOccurrence moves, cancels or restores one occurrence. */
export async function changeOccurrence(activityId, c) {
    switch (c.kind) {
        case 'create':
            return unwrap(api.POST('/activities/{id}/overrides', { params: { path: { id: activityId } }, body: c.body }));
        case 'update':
            return unwrap(api.PATCH('/activities/{id}/overrides/{override_id}', {
                params: { path: { id: activityId, override_id: c.overrideId } },
                headers: ifMatch(c.version),
                body: c.body,
            }));
        case 'restore':
            return done(api.DELETE('/activities/{id}/overrides/{override_id}', {
                params: { path: { id: activityId, override_id: c.overrideId }, query: c.allowOverlap ? { allow_overlap: true } : {} },
                headers: ifMatch(c.version),
            }));
    }
}
/** useChangeOccurrence changes one occurrence and refreshes the views that show it. */
export function useChangeOccurrence(activityId) {
    const qc = useQueryClient();
    return useMutation({
        mutationFn: (c) => changeOccurrence(activityId, c),
        onSuccess: () => {
            for (const key of ['overrides', 'occurrences', 'calendar', 'attendance'])
                qc.invalidateQueries({ queryKey: [key] });
        },
    });
}
