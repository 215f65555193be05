// Activities and their attendance: queries and mutations over the API client.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { BodyOf, ItemOf, ResponseOf } from '@/lib/api/types';

/** Activity is one activity as the API returns it. */
export type Activity = ResponseOf<'/activities/{id}', 'get'>;
/** ActivityBody is what creating an activity sends. */
export type ActivityBody = BodyOf<'/activities', 'post'>;
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
export type ActivityFilter = { q?: string; status?: string; category?: string; unit_id?: string; offset: number; limit: number };

/** useActivities pages through activities. */
export function useActivities(f: ActivityFilter) {
  return useQuery({
    queryKey: ['activities', f],
    queryFn: () =>
      unwrap(
        api.GET('/activities', {
          params: {
            query: {
              limit: f.limit,
              offset: f.offset,
              ...(f.q ? { q: f.q } : {}),
              ...(f.status ? { status: f.status } : {}),
              ...(f.category ? { category: f.category } : {}),
              ...(f.unit_id ? { unit_id: f.unit_id } : {}),
            } as never,
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** useSaveActivity creates (no id) or updates (id + version) an activity. */
export function useSaveActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, body }: { id?: string; version?: number; body: Record<string, unknown> }) => {
      if (id) {
        return unwrap(
          api.PATCH('/activities/{id}', {
            params: { path: { id } },
            headers: ifMatch(version),
            body: body as never,
          }),
        );
      }
      return unwrap(api.POST('/activities', { body: body as never }));
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
    queryFn: () => unwrap(api.GET('/activities/{id}/attendance', { params: { path: { id: activityId! }, query: { limit: 200 } as never } })),
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
    mutationFn: ({ body, existing }: { body: Record<string, unknown>; existing?: { id: string; version?: number } }) => {
      if (existing) {
        const { occurrence_start: _o, ...patch } = body;
        void _o;
        return unwrap(
          api.PATCH('/activities/{id}/attendance/{attendance_id}', {
            params: { path: { id: activityId, attendance_id: existing.id } },
            headers: ifMatch(existing.version),
            body: patch as never,
          }),
        );
      }
      return unwrap(api.POST('/activities/{id}/attendance', { params: { path: { id: activityId } }, body: body as never }));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['attendance', activityId] }),
  });
}
