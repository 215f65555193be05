// The ideas board: residents' wishes and ideas, ranked, planned and turned into activities.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { itemsOf, type BodyOf, type ItemOf } from '@/lib/api/types';

/** Idea is an idea as the API lists it. */
export type Idea = ItemOf<'/ideas'>;
/** IdeaPatch changes an idea's status or priority. */
export type IdeaPatch = BodyOf<'/ideas/{id}', 'patch'>;
/** IdeaInput adds an idea. */
export type IdeaInput = BodyOf<'/ideas', 'post'>;

/** useIdeas lists the ideas of a committee (or all visible ones), best ranked first. */
export function useIdeas(committeeId: string) {
  return useQuery({
    queryKey: ['ideas', committeeId],
    queryFn: async () => {
      const r = await unwrap(
        api.GET('/ideas', { params: { query: { limit: 200, sort: 'rank', ...(committeeId ? { committee_id: committeeId } : {}) } } }),
      );
      return rankIdeas(itemsOf(r));
    },
  });
}

/** rankIdeas orders ideas by priority (1 first, unranked last), then by votes, then by title. */
export function rankIdeas<T extends Pick<Idea, 'priority' | 'votes' | 'title'>>(list: T[]): T[] {
  return [...list].sort(
    (a, b) => (a.priority ?? 99) - (b.priority ?? 99) || (b.votes ?? 0) - (a.votes ?? 0) || a.title.localeCompare(b.title),
  );
}

/** usePatchIdea changes an idea (status, priority). */
export function usePatchIdea() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version?: number; body: IdeaPatch }) =>
      unwrap(api.PATCH('/ideas/{id}', { params: { path: { id } }, headers: ifMatch(version), body })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['ideas'] }),
  });
}

/** useVote adds one vote to an idea (a show of hands at a meeting). */
export function useVote() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/ideas/{id}/votes', { params: { path: { id } }, body: { count: 1 } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['ideas'] }),
  });
}

/** useCreateIdea adds an idea. */
export function useCreateIdea() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: IdeaInput) => unwrap(api.POST('/ideas', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['ideas'] }),
  });
}
