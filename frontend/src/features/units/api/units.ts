// A mentor's units with their committees, members, meetings, residents and
// the residents' culture profiles: a typed fetcher, query options and a hook
// per call.
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import { getCommittees, getUnits } from '@/lib/api/lookups';
import { pageOf, type BodyOf, type Page, type ItemOf, type ResponseOf } from '@/lib/api/types';

/** CommitteeInput founds a committee. */
export type CommitteeInput = BodyOf<'/committees', 'post'>;
/** ResidentInput adds a resident. */
export type ResidentInput = BodyOf<'/residents', 'post'>;
/** MemberInput adds a committee member. */
export type MemberInput = BodyOf<'/committees/{id}/members', 'post'>;
/** MeetingInput records a meeting. */
export type MeetingInput = BodyOf<'/committees/{id}/meetings', 'post'>;
/** ProfileInput writes a culture profile. */
export type ProfileInput = BodyOf<'/residents/{id}/culture-profile', 'put'>;
/** Resident is a unit's resident. */
export type Resident = ItemOf<'/residents'>;
/** Member is a committee member. */
export type Member = ItemOf<'/committees/{id}/members'>;
/** Meeting is a committee meeting. */
export type Meeting = ItemOf<'/committees/{id}/meetings'>;

/** getMyUnitsQueryOptions caches the user's units (a mentor's own; all for others). */
export const getMyUnitsQueryOptions = (mine: boolean) =>
  queryOptions({ queryKey: ['units', { mine }], queryFn: () => getUnits({ limit: 200, ...(mine ? { mine: true } : {}) }) });
/** useMyUnits lists the units of the user. */
export const useMyUnits = (mine: boolean) => useQuery(getMyUnitsQueryOptions(mine));

/** getUnit reads one unit. */
export const getUnit = (id: string) => unwrap(api.GET('/units/{id}', { params: { path: { id } } }));
/** useUnit loads one unit. */
export const useUnit = (id: string) => useQuery(queryOptions({ queryKey: ['unit', id], queryFn: () => getUnit(id) }));

/** getUnitCommitteesQueryOptions caches a unit's committees under ['committees', {unitId}]. */
export const getUnitCommitteesQueryOptions = (unitId: string) =>
  queryOptions({ queryKey: ['committees', { unitId }], queryFn: () => getCommittees({ unit_id: unitId, limit: 200 }) });
/** useUnitCommittees lists a unit's committees. */
export const useUnitCommittees = (unitId: string) => useQuery(getUnitCommitteesQueryOptions(unitId));

/** getResidents reads a unit's residents. */
export const getResidents = async (unitId: string): Promise<Page<Resident>> =>
  pageOf(await unwrap(api.GET('/residents', { params: { query: { unit_id: unitId, limit: 200 } } })));
/** useResidents lists a unit's residents. */
export const useResidents = (unitId: string) =>
  useQuery(queryOptions({ queryKey: ['residents', { unitId }], queryFn: () => getResidents(unitId), enabled: !!unitId }));

/** getCommittee reads one committee. */
export const getCommittee = (id: string) => unwrap(api.GET('/committees/{id}', { params: { path: { id } } }));
/** useCommittee loads one committee. */
export const useCommittee = (id: string) => useQuery(queryOptions({ queryKey: ['committee', id], queryFn: () => getCommittee(id) }));

/** getMembers reads a committee's members. */
export const getMembers = async (id: string): Promise<Page<Member>> =>
  pageOf(await unwrap(api.GET('/committees/{id}/members', { params: { path: { id }, query: { limit: 200 } } })));
/** useMembers lists a committee's members. */
export const useMembers = (id: string) => useQuery(queryOptions({ queryKey: ['members', id], queryFn: () => getMembers(id) }));

/** getMeetings reads a committee's meetings. */
export const getMeetings = async (id: string): Promise<Page<Meeting>> =>
  pageOf(await unwrap(api.GET('/committees/{id}/meetings', { params: { path: { id }, query: { limit: 200 } } })));
/** useMeetings lists a committee's meetings. */
export const useMeetings = (id: string) => useQuery(queryOptions({ queryKey: ['meetings', id], queryFn: () => getMeetings(id) }));

/** createCommittee founds a committee. */
export const createCommittee = (body: CommitteeInput) => unwrap(api.POST('/committees', { body }));
/** createResident adds a resident to a unit. */
export const createResident = (body: ResidentInput) => unwrap(api.POST('/residents', { body }));
/** addMember adds a member (an existing resident, or a new one by name) to a committee. */
export const addMember = (committeeId: string, body: MemberInput) =>
  unwrap(api.POST('/committees/{id}/members', { params: { path: { id: committeeId } }, body }));
/** addMeeting records a committee meeting. */
export const addMeeting = (committeeId: string, body: MeetingInput) =>
  unwrap(api.POST('/committees/{id}/meetings', { params: { path: { id: committeeId } }, body }));

/** useCreate sends a new item and refreshes the lists it appears in. */
export function useCreate<B>(send: (body: B) => Promise<unknown>, refresh: QueryKey[]) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => refresh.forEach((k) => qc.invalidateQueries({ queryKey: k })) });
}

/** getProfile reads a resident's culture profile (every read is audited by the API). */
export const getProfile = (residentId: string) => unwrap(api.GET('/residents/{id}/culture-profile', { params: { path: { id: residentId } } }));
/** useProfile loads a resident's culture profile, never from the cache. */
export const useProfile = (residentId: string) =>
  useQuery(queryOptions({ queryKey: ['profile', residentId], queryFn: () => getProfile(residentId), retry: false, staleTime: 0, gcTime: 0 }));

/** saveProfile writes a resident's culture profile (If-Match: the version shown). */
export const saveProfile = (residentId: string, body: ProfileInput, version?: number) =>
  unwrap(api.PUT('/residents/{id}/culture-profile', { params: { path: { id: residentId } }, headers: ifMatch(version), body }));
/** useSaveProfile writes a resident's culture profile and shows the saved one. */
export function useSaveProfile(residentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: ProfileInput; version?: number }) => saveProfile(residentId, body, version),
    onSuccess: (data) => qc.setQueryData(['profile', residentId], data),
  });
}

/** eraseProfile erases a resident's culture profile on request. */
export const eraseProfile = (residentId: string) => done(api.DELETE('/residents/{id}/culture-profile', { params: { path: { id: residentId } } }));
/** useEraseProfile erases a profile and forgets it. */
export function useEraseProfile(residentId: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => eraseProfile(residentId), onSuccess: () => qc.removeQueries({ queryKey: ['profile', residentId] }) });
}

/** ParticipationSummary is a resident's participation in a range. */
export type ParticipationSummary = ResponseOf<'/residents/{id}/participation', 'get'>;
/** LeftOut is a resident with no active culture lately. */
export type LeftOut = ItemOf<'/units/{id}/residents/left-out'>;
/** CultureSummary is the plain-text entry for the care record. */
export type CultureSummary = ResponseOf<'/residents/{id}/culture-summary', 'get'>;
/** Match is an upcoming occurrence matching a resident's interests. */
export type Match = ItemOf<'/residents/{id}/upcoming-activities'>;
/** Idea is a committee's idea (wish). */
export type Idea = ItemOf<'/ideas'>;
/** SummaryLang is a language of the culture summary. */
export type SummaryLang = 'fi' | 'sv';

/** getLeftOut reads a unit's active residents with no active participation in the last days (every read audited). */
export const getLeftOut = async (unitId: string, days: number): Promise<Page<LeftOut>> =>
  pageOf(await unwrap(api.GET('/units/{id}/residents/left-out', { params: { path: { id: unitId }, query: { days, limit: 200 } } })));
/** useLeftOut lists who has had no culture lately, never from the cache. */
export const useLeftOut = (unitId: string, days: number, enabled: boolean) =>
  useQuery(queryOptions({ queryKey: ['leftOut', unitId, days], queryFn: () => getLeftOut(unitId, days), enabled, staleTime: 0, gcTime: 0 }));

/** getParticipation reads a resident's participation of the last 90 days (audited). */
export const getParticipation = (residentId: string) => unwrap(api.GET('/residents/{id}/participation', { params: { path: { id: residentId } } }));
/** useParticipation loads a resident's participation, never from the cache. */
export const useParticipation = (residentId: string) =>
  useQuery(queryOptions({ queryKey: ['participation', residentId], queryFn: () => getParticipation(residentId), staleTime: 0, gcTime: 0 }));

/** getCultureSummary composes a resident's culture summary in Finnish or Swedish (audited). */
export const getCultureSummary = (residentId: string, lang: SummaryLang) =>
  unwrap(api.GET('/residents/{id}/culture-summary', { params: { path: { id: residentId }, query: { lang } } }));
/** useCultureSummary loads the summary in a language, never from the cache. */
export const useCultureSummary = (residentId: string, lang: SummaryLang) =>
  useQuery(queryOptions({ queryKey: ['cultureSummary', residentId, lang], queryFn: () => getCultureSummary(residentId, lang), staleTime: 0, gcTime: 0 }));

/** getUpcomingMatches reads the coming activities of the resident's unit that match the profile. */
export const getUpcomingMatches = async (residentId: string): Promise<Page<Match>> =>
  pageOf(await unwrap(api.GET('/residents/{id}/upcoming-activities', { params: { path: { id: residentId }, query: { limit: 20 } } })));
/** useUpcomingMatches lists them. */
export const useUpcomingMatches = (residentId: string) =>
  useQuery(queryOptions({ queryKey: ['matches', residentId], queryFn: () => getUpcomingMatches(residentId), staleTime: 0, gcTime: 0 }));

/** setCultureGoal sets (or clears, null) a resident's culture goal in active days per month. */
export const setCultureGoal = (residentId: string, days: number | null, version: number) =>
  unwrap(api.PATCH('/residents/{id}', { params: { path: { id: residentId } }, headers: ifMatch(version), body: { culture_goal_days: days } }));
/** useSetCultureGoal sets the goal and refreshes the resident and the participation. */
export function useSetCultureGoal(residentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ days, version }: { days: number | null; version: number }) => setCultureGoal(residentId, days, version),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['residents'] });
      qc.invalidateQueries({ queryKey: ['participation', residentId] });
    },
  });
}

/** getCommitteeIdeas reads a committee's ideas, most recent first. */
export const getCommitteeIdeas = async (committeeId: string): Promise<Page<Idea>> =>
  pageOf(await unwrap(api.GET('/ideas', { params: { query: { committee_id: committeeId, limit: 200 } } })));
/** useCommitteeIdeas lists a committee's ideas. */
export const useCommitteeIdeas = (committeeId: string) =>
  useQuery(queryOptions({ queryKey: ['ideas', { committeeId }], queryFn: () => getCommitteeIdeas(committeeId) }));
