// The evidence that the model works: activity reports and the producer's reach view.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { itemsOf } from '@/lib/api/types';

/** ReportRow is one group of the activities report. */
export type ReportRow = { key: string; label?: string; occurrences: number; participants: number; mean_feedback?: number | null; [k: string]: unknown };

/** useActivityReport loads the activities report grouped by unit, category, month or partner. */
export function useActivityReport(from: string, to: string, groupBy: string) {
  return useQuery({
    queryKey: ['report', from, to, groupBy],
    queryFn: async () => itemsOf(await unwrap(api.GET('/reports/activities', { params: { query: { from, to, group_by: groupBy } } }))) as ReportRow[],
    enabled: !!from && !!to,
  });
}

/** ReachRow is one unit of the reach report. */
export type ReachRow = {
  unit_id: string;
  unit_name?: string;
  occurrences: number;
  participants: number;
  /** weeks_since_last is null when the unit has never hosted an activity. */
  weeks_since_last?: number | null;
  last_occurrence_at?: string | null;
};

/** sortReach puts units with no activity first, then the longest-quiet units. */
export function sortReach(rows: ReachRow[]): ReachRow[] {
  const quiet = (r: ReachRow) => (r.weeks_since_last == null ? Infinity : r.weeks_since_last);
  return [...rows].sort((a, b) => Number(b.occurrences === 0) - Number(a.occurrences === 0) || quiet(b) - quiet(a) || (a.unit_name ?? '').localeCompare(b.unit_name ?? ''));
}

/** useReach loads per unit the occurrences hosted, participants and weeks since the last activity. */
export function useReach(from: string, to: string) {
  return useQuery({
    queryKey: ['reach', from, to],
    queryFn: async () => sortReach(itemsOf(await unwrap(api.GET('/reports/reach', { params: { query: { from, to } } }))) as ReachRow[]),
    enabled: !!from && !!to,
  });
}
