// The evidence that the model works: activity reports and the producer's reach view.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { QueryOf, ResponseOf } from '@/lib/api/types';

/** ActivityReport is the grouped activities report. */
export type ActivityReport = ResponseOf<'/reports/activities'>;
/** GroupBy is how the activities report is grouped. */
export type GroupBy = NonNullable<QueryOf<'/reports/activities'>['group_by']>;
/** ReachReport lists per unit the occurrences hosted, participants and weeks since the last. */
export type ReachReport = ResponseOf<'/reports/reach'>;

/** useActivityReport loads the activities report grouped by unit, category, month, partner or target group. */
export function useActivityReport(from: string, to: string, groupBy: GroupBy) {
  return useQuery({
    queryKey: ['report', from, to, groupBy],
    queryFn: () => unwrap(api.GET('/reports/activities', { params: { query: { from, to, group_by: groupBy } } })),
    enabled: !!from && !!to,
  });
}

/** useReach loads the reach report; the API lists units with no activity first. */
export function useReach(from: string, to: string) {
  return useQuery({
    queryKey: ['reach', from, to],
    queryFn: () => unwrap(api.GET('/reports/reach', { params: { query: { from, to } } })),
    enabled: !!from && !!to,
  });
}
