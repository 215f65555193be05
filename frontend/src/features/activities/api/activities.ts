// Activities, their occurrences and their attendance: a typed fetcher, query
// options and a hook per call.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf, type BodyOf, type ItemOf, type Page, type QueryOf, type ResponseOf } from '@/lib/api/types';

/** Activity is one activity as the API returns it. */
export type Activity = ResponseOf<'/activities/{id}', 'get'>;
/** ActivityItem is an activity as the list gives it. */
export type ActivityItem = ItemOf<'/activities'>;
/** ActivityBody is what creating an activity sends. */
export type ActivityBody = BodyOf<'/activities', 'post'>;
/** AttendanceInput records one occurrence. */
export type AttendanceInput = BodyOf<'/activities/{id}/attendance', 'post'>;
/** Attendance is one recorded occurrence. */
export type Attendance = ItemOf<'/activities/{id}/attendance'>;
/** Occurrence is one occurrence of an activity, as the calendar expands it. */
export type Occurrence = ItemOf<'/activities/{id}/occurrences'>;
/** ActivityFilter is the list screen's query. */
export type ActivityFilter = QueryOf<'/activities'> & { limit: number };

/** getActivity reads one activity. */
export const getActivity = (id: string) => unwrap(api.GET('/activities/{id}', { params: { path: { id } } }));
/** getActivityQueryOptions caches an activity under ['activity', id]. */
export const getActivityQueryOptions = (id: string | undefined) =>
  queryOptions({ queryKey: ['activity', id], queryFn: () => getActivity(id ?? ''), enabled: !!id });
/** useActivity loads one activity. */
export const useActivity = (id: string | undefined) => useQuery(getActivityQueryOptions(id));

/** getActivities reads a page of activities; empty filters are left out. */
export async function getActivities(f: ActivityFilter): Promise<Page<ActivityItem>> {
  const query: ActivityFilter = { ...f };
  if (!query.status) delete query.status;
  if (!query.category) delete query.category;
  if (!query.unit_id) delete query.unit_id;
  return pageOf(await unwrap(api.GET('/activities', { params: { query } })));
}
/** getActivitiesQueryOptions caches a page of activities under ['activities', filter]. */
export const getActivitiesQueryOptions = (f: ActivityFilter) =>
  queryOptions({ queryKey: ['activities', f], queryFn: () => getActivities(f), placeholderData: keepPreviousData });
/** useActivities pages through activities. */
export const useActivities = (f: ActivityFilter) => useQuery(getActivitiesQueryOptions(f));

/** saveActivity creates (no id) or updates (id + version, If-Match) an activity. */
export const saveActivity = ({ id, version, body }: { id?: string; version?: number; body: ActivityBody }) =>
  id ? unwrap(api.PATCH('/activities/{id}', { params: { path: { id } }, headers: ifMatch(version), body })) : unwrap(api.POST('/activities', { body }));
/** activityFromIdea creates the activity of an idea (proposed by a mentor, planned by the producer) and links the two. */
export function activityFromIdea(ideaId: string, body: ActivityBody) {
  return unwrap(api.POST('/ideas/{id}/activity', { params: { path: { id: ideaId } }, body }));
}

/** useActivityChange runs a change of activities and refreshes every view of them. */
export function useActivityChange<V, R>(send: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      for (const key of ['activities', 'activity', 'calendar', 'occurrences', 'ideas']) qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** getOccurrences reads an activity's occurrences in a range (at most a year), moved and cancelled ones included. */
export const getOccurrences = async (id: string, from: string, to: string): Promise<Page<Occurrence>> =>
  pageOf(await unwrap(api.GET('/activities/{id}/occurrences', { params: { path: { id }, query: { from, to, limit: 500 } } })));
/** getOccurrencesQueryOptions caches them under ['occurrences', id, from, to]. */
export const getOccurrencesQueryOptions = (id: string | undefined, from: string, to: string) =>
  queryOptions({ queryKey: ['occurrences', id, from, to], queryFn: () => getOccurrences(id ?? '', from, to), enabled: !!id && !!from && from < to });
/** useOccurrences lists an activity's occurrences in a range. */
export const useOccurrences = (id: string | undefined, from: string, to: string) => useQuery(getOccurrencesQueryOptions(id, from, to));

/** getAttendance reads the attendance recorded for an activity. */
export const getAttendance = async (id: string): Promise<Page<Attendance>> =>
  pageOf(await unwrap(api.GET('/activities/{id}/attendance', { params: { path: { id }, query: { limit: 200 } } })));
/** getAttendanceQueryOptions caches it under ['attendance', id]. */
export const getAttendanceQueryOptions = (id: string | undefined) =>
  queryOptions({ queryKey: ['attendance', id], queryFn: () => getAttendance(id ?? ''), enabled: !!id });
/** useAttendance lists the attendance recorded for an activity. */
export const useAttendance = (id: string | undefined) => useQuery(getAttendanceQueryOptions(id));

/**
 * recordAttendance records the attendance of one occurrence, or changes the
 * record (`existing`) made for it before.
 */
export function recordAttendance(activityId: string, body: AttendanceInput, existing?: Attendance) {
  if (!existing) return unwrap(api.POST('/activities/{id}/attendance', { params: { path: { id: activityId } }, body }));
  const { residents, staff, volunteers, relatives, feedback, notes, participants } = body;
  return unwrap(
    api.PATCH('/activities/{id}/attendance/{attendance_id}', {
      params: { path: { id: activityId, attendance_id: existing.id } },
      headers: ifMatch(existing.version),
      body: { residents, staff, volunteers, relatives, feedback, notes, ...(participants ? { participants } : {}) },
    }),
  );
}
/** useRecordAttendance records an occurrence's attendance and refreshes the records. */
export function useRecordAttendance(activityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, existing }: { body: AttendanceInput; existing?: Attendance }) => recordAttendance(activityId, body, existing),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['attendance', activityId] }),
  });
}

/** Participant is one resident's part in a recorded occurrence. */
export type Participant = NonNullable<Attendance['participants']>[number];
/** ParticipantInput lists a resident as a participant. */
export type ParticipantInput = NonNullable<AttendanceInput['participants']>[number];
/** HostResident is an active resident of one of the hosting units. */
export type HostResident = ItemOf<'/residents'>;

/**
 * getHostResidents reads the active residents of the activity's units that
 * the user may see (only the units' mentors and admins see residents; a
 * mentor sees their own units').
 */
export async function getHostResidents(unitIds: string[]): Promise<HostResident[]> {
  const pages = await Promise.all(
    unitIds.map((unit_id) => unwrap(api.GET('/residents', { params: { query: { unit_id, active: true, limit: 200 } } }))),
  );
  return pages.flatMap((p) => p.items);
}
/** getHostResidentsQueryOptions caches them under ['residents', {units}]. */
export const getHostResidentsQueryOptions = (unitIds: string[], enabled: boolean) =>
  queryOptions({ queryKey: ['residents', { units: unitIds }], queryFn: () => getHostResidents(unitIds), enabled: enabled && unitIds.length > 0 });
/** useHostResidents lists the residents who may be listed as participants. */
export const useHostResidents = (unitIds: string[], enabled: boolean) => useQuery(getHostResidentsQueryOptions(unitIds, enabled));

/** IdeaOfActivity is an idea an activity was made from. */
export type IdeaOfActivity = ItemOf<'/ideas'>;
/** getActivityIdeas reads the ideas (wishes) the activity was made from. */
export const getActivityIdeas = async (activityId: string): Promise<Page<IdeaOfActivity>> =>
  pageOf(await unwrap(api.GET('/ideas', { params: { query: { activity_id: activityId, limit: 20 } } })));
/** useActivityIdeas lists the wishes behind an activity. */
export const useActivityIdeas = (activityId: string) =>
  useQuery(queryOptions({ queryKey: ['ideas', { activityId }], queryFn: () => getActivityIdeas(activityId), enabled: !!activityId }));
