// Activities and their attendance: queries and mutations over the API client.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from '@/lib/api/types';

/** Activity is one activity as the API returns it. */
export type Activity = ResponseOf<'/activities/{id}', 'get'>;
/** ActivityBody is what creating an activity sends. */
export type ActivityBody = BodyOf<'/activities', 'post'>;
/** AttendanceInput records one occurrence. */
export type AttendanceInput = BodyOf<'/activities/{id}/attendance', 'post'>;
/** Attendance is one recorded occurrence. */
export type Attendance = ItemOf<'/activities/{id}/attendance'>;

/** useActivity loads one activity. */
export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: ['activity', id],
    queryFn: () => unwrap(api.GET('/activities/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** ActivityFilter is the list screen's query. */
export type ActivityFilter = QueryOf<'/activities'> & { offset: number; limit: number };

/** useActivities pages through activities. */
export function useActivities(f: ActivityFilter) {
  return useQuery({
    queryKey: ['activities', f],
    queryFn: () =>
      unwrap(
        api.GET('/activities', {
          // Empty filters are left out of the query.
          params: { query: Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '' && v !== undefined)) as ActivityFilter },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** useSaveActivity creates (no id) or updates (id + version) an activity. */
export function useSaveActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, body }: { id?: string; version?: number; body: ActivityBody }) => {
      if (id) {
        return unwrap(api.PATCH('/activities/{id}', { params: { path: { id } }, headers: ifMatch(version), body }));
      }
      return unwrap(api.POST('/activities', { body }));
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['activities'] });
      qc.invalidateQueries({ queryKey: ['activity'] });
      qc.invalidateQueries({ queryKey: ['calendar'] });
    },
  });
}

/** useOccurrences lists an activity's occurrences in a range (from the calendar). */
export function useOccurrences(activityId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: ['calendar', 'activity', activityId, from, to],
    queryFn: () =>
      unwrap(api.GET('/activities/{id}/occurrences', { params: { path: { id: activityId! }, query: { from, to, limit: 500 } } })),
    enabled: !!activityId,
  });
}

/** useAttendance lists the attendance recorded for an activity. */
export function useAttendance(activityId: string | undefined) {
  return useQuery({
    queryKey: ['attendance', activityId],
    queryFn: () => unwrap(api.GET('/activities/{id}/attendance', { params: { path: { id: activityId! }, query: { limit: 200 } } })),
    enabled: !!activityId,
  });
}

/**
 * useRecordAttendance records the attendance of one occurrence, or changes
 * the record (`existing`) made for it before.
 */
export function useRecordAttendance(activityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, existing }: { body: AttendanceInput; existing?: { id: string; version?: number } }) => {
      if (existing) {
        const { occurrence_start: _o, ...patch } = body;
        void _o;
        return unwrap(
          api.PATCH('/activities/{id}/attendance/{attendance_id}', {
            params: { path: { id: activityId, attendance_id: existing.id } },
            headers: ifMatch(existing.version),
            body: patch,
          }),
        );
      }
      return unwrap(api.POST('/activities/{id}/attendance', { params: { path: { id: activityId } }, body }));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['attendance', activityId] }),
  });
}
