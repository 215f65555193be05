// The Linked Events push outcomes of an activity's events (published, held back, refused, removed).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { pageOf } from '@/lib/api/types';
/** getPushOutcomes reads a page of push outcomes. */
export const getPushOutcomes = async (query) => pageOf(await unwrap(api.GET('/integrations/linked-events/status', { params: { query } })));
/** getActivityPushOutcomesQueryOptions caches an activity's outcomes (its event and, if recurring, its occurrences). */
export const getActivityPushOutcomesQueryOptions = (activityId, enabled) => queryOptions({
    queryKey: ['linked-events-status', 'activity', activityId],
    queryFn: () => getPushOutcomes({ activity_id: activityId ?? '', limit: 200 }),
    enabled: !!activityId && enabled,
});
/** useActivityPushOutcomes lists an activity's push outcomes. */
export const useActivityPushOutcomes = (activityId, enabled) => useQuery(getActivityPushOutcomesQueryOptions(activityId, enabled));
/** getRefusedActivities is the set of activities with an event Linked Events refused. */
export async function getRefusedActivities() {
    const page = await getPushOutcomes({ outcome: 'refused', limit: 200 });
    return new Set(page.items.map((o) => o.activity_id).filter((id) => !!id));
}
/** useRefusedActivities loads that set. */
export const useRefusedActivities = (enabled) => useQuery(queryOptions({ queryKey: ['linked-events-status', 'refused'], queryFn: getRefusedActivities, enabled }));
