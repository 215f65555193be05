// The evidence that the model works: activity reports and the producer's reach view.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
/** useActivityReport loads the activities report grouped by unit, category, month, partner or target group. */
export function useActivityReport(from, to, groupBy) {
    return useQuery({
        queryKey: ['report', from, to, groupBy],
        queryFn: () => unwrap(api.GET('/reports/activities', { params: { query: { from, to, group_by: groupBy } } })),
        enabled: !!from && !!to,
    });
}
/** useReach loads the reach report; the API lists units with no activity first. */
export function useReach(from, to) {
    return useQuery({
        queryKey: ['reach', from, to],
        queryFn: () => unwrap(api.GET('/reports/reach', { params: { query: { from, to } } })),
        enabled: !!from && !!to,
    });
}
