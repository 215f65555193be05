// A unit's programme: the large-print PDF, the public page switch and the
// lobby screen's tokens (issue 18).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf, type ItemOf, type Page } from '@/lib/api/types';

/** ScreenToken is one of a unit's screen tokens. */
export type ScreenToken = ItemOf<'/units/{id}/screen-tokens'>;

/** getScreenTokens reads a unit's screen tokens. */
export const getScreenTokens = async (unitId: string): Promise<Page<ScreenToken>> =>
  pageOf(await unwrap(api.GET('/units/{id}/screen-tokens', { params: { path: { id: unitId }, query: { limit: 200 } } })));

/** PrintOptions choose the month's print. */
export type PrintOptions = { month: string; lang: 'fi' | 'sv' | 'en'; size: 'A4' | 'A3' };

/** downloadProgramme saves the unit's large-print month PDF. */
export function downloadProgramme(unitId: string, o: PrintOptions): Promise<void> {
  return download(`/units/${unitId}/programme.pdf?month=${o.month}&lang=${o.lang}&size=${o.size}`, `programme-${o.month}-${o.lang}.pdf`);
}

/** useSetPublicProgramme turns the unit's public page on or off (If-Match: the unit's version). */
export function useSetPublicProgramme(unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ on, version }: { on: boolean; version: number }) =>
      unwrap(api.PATCH('/units/{id}', { params: { path: { id: unitId } }, body: { public_programme: on }, headers: ifMatch(version) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['unit', unitId] }),
  });
}

/** useScreenTokens lists the unit's screen tokens. */
export function useScreenTokens(unitId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['screen-tokens', unitId],
    queryFn: () => getScreenTokens(unitId),
    enabled,
  });
}

/** useCreateScreenToken makes a screen token; the response holds its secret once. */
export function useCreateScreenToken(unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST('/units/{id}/screen-tokens', { params: { path: { id: unitId } }, body: { name } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['screen-tokens', unitId] }),
  });
}

/** useRevokeScreenToken revokes a screen token. */
export function useRevokeScreenToken(unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.DELETE('/units/{id}/screen-tokens/{token_id}', { params: { path: { id: unitId, token_id: id } }, headers: ifMatch(version) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['screen-tokens', unitId] }),
  });
}
