// A mentor's units with their committees, members, meetings, residents and
// the residents' culture profiles: a typed fetcher, query options and a hook
// per call.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, done, ifMatch, unwrap } from '@/lib/api/client';
import { getCommittees, getUnits } from '@/lib/api/lookups';
import { pageOf } from '@/lib/api/types';
/** getMyUnitsQueryOptions caches the user's units (a mentor's own; all for others). */
export const getMyUnitsQueryOptions = (mine) => queryOptions({ queryKey: ['units', { mine }], queryFn: () => getUnits({ limit: 200, ...(mine ? { mine: true } : {}) }) });
/** useMyUnits lists the units of the user. */
export const useMyUnits = (mine) => useQuery(getMyUnitsQueryOptions(mine));
/** getUnit reads one unit. */
export const getUnit = (id) => unwrap(api.GET('/units/{id}', { params: { path: { id } } }));
/** useUnit loads one unit. */
export const useUnit = (id) => useQuery(queryOptions({ queryKey: ['unit', id], queryFn: () => getUnit(id) }));
/** getUnitCommitteesQueryOptions caches a unit's committees under ['committees', {unitId}]. */
export const getUnitCommitteesQueryOptions = (unitId) => queryOptions({ queryKey: ['committees', { unitId }], queryFn: () => getCommittees({ unit_id: unitId, limit: 200 }) });
/** useUnitCommittees lists a unit's committees. */
export const useUnitCommittees = (unitId) => useQuery(getUnitCommitteesQueryOptions(unitId));
/** getResidents reads a unit's residents. */
export const getResidents = async (unitId) => pageOf(await unwrap(api.GET('/residents', { params: { query: { unit_id: unitId, limit: 200 } } })));
/** useResidents lists a unit's residents. */
export const useResidents = (unitId) => useQuery(queryOptions({ queryKey: ['residents', { unitId }], queryFn: () => getResidents(unitId), enabled: !!unitId }));
/** getCommittee reads one committee. */
export const getCommittee = (id) => unwrap(api.GET('/committees/{id}', { params: { path: { id } } }));
/** useCommittee loads one committee. */
export const useCommittee = (id) => useQuery(queryOptions({ queryKey: ['committee', id], queryFn: () => getCommittee(id) }));
/** getMembers reads a committee's members. */
export const getMembers = async (id) => pageOf(await unwrap(api.GET('/committees/{id}/members', { params: { path: { id }, query: { limit: 200 } } })));
/** useMembers lists a committee's members. */
export const useMembers = (id) => useQuery(queryOptions({ queryKey: ['members', id], queryFn: () => getMembers(id) }));
/** getMeetings reads a committee's meetings. */
export const getMeetings = async (id) => pageOf(await unwrap(api.GET('/committees/{id}/meetings', { params: { path: { id }, query: { limit: 200 } } })));
/** useMeetings lists a committee's meetings. */
export const useMeetings = (id) => useQuery(queryOptions({ queryKey: ['meetings', id], queryFn: () => getMeetings(id) }));
/** createCommittee founds a committee. */
export const createCommittee = (body) => unwrap(api.POST('/committees', { body }));
/** createResident adds a resident to a unit. */
export const createResident = (body) => unwrap(api.POST('/residents', { body }));
/** addMember adds a member (an existing resident, or a new one by name) to a committee. */
export const addMember = (committeeId, body) => unwrap(api.POST('/committees/{id}/members', { params: { path: { id: committeeId } }, body }));
/** addMeeting records a committee meeting. */
export const addMeeting = (committeeId, body) => unwrap(api.POST('/committees/{id}/meetings', { params: { path: { id: committeeId } }, body }));
/** useCreate sends a new item and refreshes the lists it appears in. */
export function useCreate(send, refresh) {
    const qc = useQueryClient();
    return useMutation({ mutationFn: send, onSuccess: () => refresh.forEach((k) => qc.invalidateQueries({ queryKey: k })) });
}
/** getProfile reads a resident's culture profile (every read is audited by the API). */
export const getProfile = (residentId) => unwrap(api.GET('/residents/{id}/culture-profile', { params: { path: { id: residentId } } }));
/** useProfile loads a resident's culture profile, never from the cache. */
export const useProfile = (residentId) => useQuery(queryOptions({ queryKey: ['profile', residentId], queryFn: () => getProfile(residentId), retry: false, staleTime: 0, gcTime: 0 }));
/** saveProfile writes a resident's culture profile (If-Match: the version shown). */
export const saveProfile = (residentId, body, version) => unwrap(api.PUT('/residents/{id}/culture-profile', { params: { path: { id: residentId } }, headers: ifMatch(version), body }));
/** useSaveProfile writes a resident's culture profile and shows the saved one. */
export function useSaveProfile(residentId) {
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ body, version }) => saveProfile(residentId, body, version),
        onSuccess: (data) => qc.setQueryData(['profile', residentId], data),
    });
}
/** eraseProfile erases a resident's culture profile on request. */
export const eraseProfile = (residentId) => done(api.DELETE('/residents/{id}/culture-profile', { params: { path: { id: residentId } } }));
/** useEraseProfile erases a profile and forgets it. */
export function useEraseProfile(residentId) {
    const qc = useQueryClient();
    return useMutation({ mutationFn: () => eraseProfile(residentId), onSuccess: () => qc.removeQueries({ queryKey: ['profile', residentId] }) });
}
