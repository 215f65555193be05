// A unit's programme: the large-print PDF, the public page switch and the
// lobby screen's tokens (issue 18).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf } from '@/lib/api/types';
/** getScreenTokens reads a unit's screen tokens. */
export const getScreenTokens = async (unitId) => pageOf(await unwrap(api.GET('/units/{id}/screen-tokens', { params: { path: { id: unitId }, query: { limit: 200 } } })));
/** downloadProgramme saves the unit's large-print month PDF. */
export function downloadProgramme(unitId, o) {
    return download(`/units/${unitId}/programme.pdf?month=${o.month}&lang=${o.lang}&size=${o.size}`, `programme-${o.month}-${o.lang}.pdf`);
}
/** useSetPublicProgramme turns the unit's public page on or off (If-Match: the unit's version). */
export function useSetPublicProgramme(unitId) {
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ on, version }) => unwrap(api.PATCH('/units/{id}', { params: { path: { id: unitId } }, body: { public_programme: on }, headers: ifMatch(version) })),
        onSuccess: () => qc.invalidateQueries({ queryKey: ['unit', unitId] }),
    });
}
/** useScreenTokens lists the unit's screen tokens. */
export function useScreenTokens(unitId, enabled) {
    return useQuery({
        queryKey: ['screen-tokens', unitId],
        queryFn: () => getScreenTokens(unitId),
        enabled,
    });
}
/** useCreateScreenToken makes a screen token; the response holds its secret once. */
export function useCreateScreenToken(unitId) {
    const qc = useQueryClient();
    return useMutation({
        mutationFn: (name) => unwrap(api.POST('/units/{id}/screen-tokens', { params: { path: { id: unitId } }, body: { name } })),
        onSuccess: () => qc.invalidateQueries({ queryKey: ['screen-tokens', unitId] }),
    });
}
/** useRevokeScreenToken revokes a screen token. */
export function useRevokeScreenToken(unitId) {
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ id, version }) => unwrap(api.DELETE('/units/{id}/screen-tokens/{token_id}', { params: { path: { id: unitId, token_id: id } }, headers: ifMatch(version) })),
        onSuccess: () => qc.invalidateQueries({ queryKey: ['screen-tokens', unitId] }),
    });
}
