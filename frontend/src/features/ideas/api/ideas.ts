// The ideas board: residents' wishes and ideas, ranked, planned and turned into activities.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { itemsOf } from '@/lib/api/types';

/** Idea is an idea as the board uses it. */
export type Idea = {
  id: string;
  version?: number;
  committee_id: string;
  title: string;
  description?: string;
  source?: string;
  status: string;
  rank?: number | null;
  activity_id?: string | null;
};

/** useIdeas lists the ideas of a committee (or all visible ones), best ranked first. */
export function useIdeas(committeeId: string) {
  return useQuery({
    queryKey: ['ideas', committeeId],
    queryFn: async () => {
      const r = await unwrap(api.GET('/ideas', { params: { query: { limit: 200, ...(committeeId ? { committee_id: committeeId } : {}) } } }));
      return sortIdeas(itemsOf(r as { items?: Idea[] }) as Idea[]);
    },
  });
}

/** sortIdeas orders ideas by rank (unranked last), then by title. */
export function sortIdeas(list: Idea[]): Idea[] {
  return [...list].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.title.localeCompare(b.title));
}

/**
 * swapRanks gives the rank changes that move `list[index]` one place up
 * (-1) or down (+1): the two ideas swap places and all get dense ranks 1..n.
 */
export function swapRanks(list: Idea[], index: number, dir: -1 | 1): { id: string; version?: number; rank: number }[] {
  const j = index + dir;
  if (j < 0 || j >= list.length) return [];
  const order = [...list];
  [order[index], order[j]] = [order[j], order[index]];
  return order.map((x, k) => ({ id: x.id, version: x.version, rank: k + 1 })).filter((x, k) => order[k].rank !== x.rank);
}

/** usePatchIdea changes an idea (status, rank). */
export function usePatchIdea() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (changes: { id: string; version?: number; body: Record<string, unknown> }[]) => {
      for (const c of changes) {
        await unwrap(api.PATCH('/ideas/{id}', { params: { path: { id: c.id } }, headers: ifMatch(c.version), body: c.body as never }));
      }
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['ideas'] }),
  });
}

/** useCreateIdea adds an idea. */
export function useCreateIdea() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => unwrap(api.POST('/ideas', { body: body as never })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['ideas'] }),
  });
}
