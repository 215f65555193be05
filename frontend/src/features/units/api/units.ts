// A mentor's units with their committees, members, meetings, residents and
// the residents' culture profiles.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { BodyOf } from '@/lib/api/types';

/** useMyUnits lists the units of the user (a mentor's own; all for others). */
export function useMyUnits(mine: boolean) {
  return useQuery({
    queryKey: ['units', { mine }],
    queryFn: () => unwrap(api.GET('/units', { params: { query: { limit: 200, ...(mine ? { mine: true } : {}) } } })),
  });
}

/** useUnit loads one unit. */
export function useUnit(id: string) {
  return useQuery({ queryKey: ['unit', id], queryFn: () => unwrap(api.GET('/units/{id}', { params: { path: { id } } })) });
}

/** useUnitCommittees lists a unit's committees. */
export function useUnitCommittees(unitId: string) {
  return useQuery({
    queryKey: ['committees', { unitId }],
    queryFn: () => unwrap(api.GET('/committees', { params: { query: { unit_id: unitId, limit: 200 } } })),
  });
}

/** useResidents lists a unit's residents. */
export function useResidents(unitId: string | undefined) {
  return useQuery({
    queryKey: ['residents', { unitId }],
    queryFn: () => unwrap(api.GET('/residents', { params: { query: { unit_id: unitId, limit: 200 } } })),
    enabled: !!unitId,
  });
}

/** useCommittee loads one committee. */
export function useCommittee(id: string) {
  return useQuery({ queryKey: ['committee', id], queryFn: () => unwrap(api.GET('/committees/{id}', { params: { path: { id } } })) });
}

/** useMembers lists a committee's members. */
export function useMembers(id: string) {
  return useQuery({
    queryKey: ['members', id],
    queryFn: () => unwrap(api.GET('/committees/{id}/members', { params: { path: { id }, query: { limit: 200 } } })),
  });
}

/** useMeetings lists a committee's meetings. */
export function useMeetings(id: string) {
  return useQuery({
    queryKey: ['meetings', id],
    queryFn: () => unwrap(api.GET('/committees/{id}/meetings', { params: { path: { id }, query: { limit: 200 } } })),
  });
}

/** useCreate posts to a collection and refreshes the given queries. */
export function useCreate(path: string, pathParams: Record<string, string>, invalidate: unknown[][]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => unwrap(api.POST(path as '/committees', { params: { path: pathParams } as never, body: body as never })),
    onSuccess: () => invalidate.forEach((k) => qc.invalidateQueries({ queryKey: k })),
  });
}

/** useProfile loads a resident's culture profile (every read is audited by the API). */
export function useProfile(residentId: string) {
  return useQuery({
    queryKey: ['profile', residentId],
    queryFn: () => unwrap(api.GET('/residents/{id}/culture-profile', { params: { path: { id: residentId } } })),
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
}

/** useSaveProfile writes a resident's culture profile. */
export function useSaveProfile(residentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: BodyOf<'/residents/{id}/culture-profile', 'put'>; version?: number }) =>
      unwrap(api.PUT('/residents/{id}/culture-profile', { params: { path: { id: residentId } }, headers: ifMatch(version), body })),
    onSuccess: (data) => qc.setQueryData(['profile', residentId], data),
  });
}

/** useEraseProfile erases a resident's culture profile on request. */
export function useEraseProfile(residentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/residents/{id}/culture-profile', { params: { path: { id: residentId } } })),
    onSuccess: () => qc.removeQueries({ queryKey: ['profile', residentId] }),
  });
}
