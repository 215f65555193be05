// The Linked Events push outcomes of an activity's events (published, held back, refused, removed).
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { itemsOf, type ItemOf } from '@/lib/api/types';

/** PushOutcome is one exported event's latest outcome in the pushes to Linked Events. */
export type PushOutcome = ItemOf<'/integrations/linked-events/status'>;

/** useActivityPushOutcomes lists an activity's push outcomes (its event and, if recurring, its occurrences). */
export function useActivityPushOutcomes(activityId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['linked-events-status', 'activity', activityId],
    queryFn: () =>
      unwrap(api.GET('/integrations/linked-events/status', { params: { query: { activity_id: activityId!, limit: 200 } } })),
    enabled: !!activityId && enabled,
  });
}

/** useRefusedActivities is the set of activities with an event Linked Events refused. */
export function useRefusedActivities(enabled: boolean) {
  return useQuery({
    queryKey: ['linked-events-status', 'refused'],
    queryFn: async () => {
      const list = await unwrap(api.GET('/integrations/linked-events/status', { params: { query: { outcome: 'refused', limit: 200 } } }));
      return new Set(itemsOf(list).map((o) => o.activity_id).filter((id): id is string => !!id));
    },
    enabled,
  });
}
