// The ideas board: residents' wishes and ideas, ranked, planned and turned
// into activities. A typed fetcher, query options and a hook per call.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { pageOf } from '@/lib/api/types';
/** getIdeas reads the ideas of a committee (or all visible ones), best ranked first. */
export async function getIdeas(committeeId) {
    const r = await unwrap(api.GET('/ideas', { params: { query: { limit: 200, sort: 'rank', ...(committeeId ? { committee_id: committeeId } : {}) } } }));
    return rankIdeas(pageOf(r).items);
}
/** getIdeasQueryOptions caches a committee's ideas under ['ideas', committeeId]. */
export const getIdeasQueryOptions = (committeeId) => queryOptions({ queryKey: ['ideas', committeeId], queryFn: () => getIdeas(committeeId) });
/** useIdeas lists the ideas of a committee (or all visible ones). */
export const useIdeas = (committeeId) => useQuery(getIdeasQueryOptions(committeeId));
/** rankIdeas orders ideas by priority (1 first, unranked last), then by votes, then by title. */
export function rankIdeas(list) {
    return [...list].sort((a, b) => (a.priority ?? 99) - (b.priority ?? 99) || (b.votes ?? 0) - (a.votes ?? 0) || a.title.localeCompare(b.title));
}
/** patchIdea changes an idea (If-Match: the version shown). */
export const patchIdea = ({ id, version, body }) => unwrap(api.PATCH('/ideas/{id}', { params: { path: { id } }, headers: ifMatch(version), body }));
/** voteIdea adds one vote to an idea (a show of hands at a meeting). */
export const voteIdea = (id) => unwrap(api.POST('/ideas/{id}/votes', { params: { path: { id } }, body: { count: 1 } }));
/** createIdea adds an idea. */
export const createIdea = (body) => unwrap(api.POST('/ideas', { body }));
/** useIdeaChange runs one change of the board and refreshes it, whether it worked or not. */
export function useIdeaChange(send) {
    const qc = useQueryClient();
    return useMutation({ mutationFn: send, onSettled: () => qc.invalidateQueries({ queryKey: ['ideas'] }) });
}
