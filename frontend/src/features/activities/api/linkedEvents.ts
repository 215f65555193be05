// The Linked Events push outcomes of an activity's events (published, held back, refused, removed).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { pageOf, type ItemOf, type Page, type QueryOf } from '@/lib/api/types';

/** PushOutcome is one exported event's latest outcome in the pushes to Linked Events. */
export type PushOutcome = ItemOf<'/integrations/linked-events/status'>;

/** getPushOutcomes reads a page of push outcomes. */
export const getPushOutcomes = async (query: QueryOf<'/integrations/linked-events/status'>): Promise<Page<PushOutcome>> =>
  pageOf(await unwrap(api.GET('/integrations/linked-events/status', { params: { query } })));

/** getActivityPushOutcomesQueryOptions caches an activity's outcomes (its event and, if recurring, its occurrences). */
export const getActivityPushOutcomesQueryOptions = (activityId: string | undefined, enabled: boolean) =>
  queryOptions({
    queryKey: ['linked-events-status', 'activity', activityId],
    queryFn: () => getPushOutcomes({ activity_id: activityId ?? '', limit: 200 }),
    enabled: !!activityId && enabled,
  });
/** useActivityPushOutcomes lists an activity's push outcomes. */
export const useActivityPushOutcomes = (activityId: string | undefined, enabled: boolean) => useQuery(getActivityPushOutcomesQueryOptions(activityId, enabled));

/** getRefusedActivities is the set of activities with an event Linked Events refused. */
export async function getRefusedActivities(): Promise<Set<string>> {
  const page = await getPushOutcomes({ outcome: 'refused', limit: 200 });
  return new Set(page.items.map((o) => o.activity_id).filter((id): id is string => !!id));
}
/** useRefusedActivities loads that set. */
export const useRefusedActivities = (enabled: boolean) =>
  useQuery(queryOptions({ queryKey: ['linked-events-status', 'refused'], queryFn: getRefusedActivities, enabled }));
