// Shared lookups used by many features for pickers and labels: units,
// partners, series, departments, committees and agreements. Each is read in
// full (page by page) and cached for a few minutes.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/** Named is the least every lookup item has. */
export type Named = { id: string; name?: string; title?: string; [k: string]: unknown };

type ListPath = '/units' | '/partners' | '/series' | '/departments' | '/committees' | '/agreements' | '/mentors';

/** fetchAll reads every page of a list route (up to `max` items). */
export async function fetchAll<T = Named>(path: ListPath, query: Record<string, unknown> = {}, max = 2000): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; offset < max; offset += 200) {
    const page = (await unwrap(
      api.GET(path as '/units', { params: { query: { ...query, limit: 200, offset } as never } }),
    )) as { items?: T[] | null; total?: number };
    const items = page.items ?? [];
    out.push(...items);
    if (items.length < 200 || out.length >= (page.total ?? 0)) break;
  }
  return out;
}

function useLookup(path: ListPath, query: Record<string, unknown> = {}, enabled = true) {
  return useQuery({
    queryKey: ['lookup', path, query],
    queryFn: () => fetchAll(path, query),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** useUnits lists the units visible to the user. */
export const useUnits = (enabled = true) => useLookup('/units', {}, enabled);
/** usePartners lists the partners. */
export const usePartners = (enabled = true) => useLookup('/partners', {}, enabled);
/** useSeries lists the event series. */
export const useSeries = (enabled = true) => useLookup('/series', {}, enabled);
/** useDepartments lists the departments. */
export const useDepartments = (enabled = true) => useLookup('/departments', {}, enabled);
/** useCommittees lists the committees visible to the user. */
export const useCommittees = (enabled = true) => useLookup('/committees', {}, enabled);
/** useAgreements lists the budget agreements. */
export const useAgreements = (enabled = true) => useLookup('/agreements', {}, enabled);

/** nameOf finds an item's display name by id in a lookup list. */
export function nameOf(list: Named[] | undefined, id: string | null | undefined): string {
  if (!id) return '';
  const x = list?.find((i) => i.id === id);
  return (x?.name ?? x?.title ?? '') as string;
}

/** options turns a lookup list into select options. */
export function options(list: Named[] | undefined): { value: string; label: string }[] {
  return (list ?? []).map((i) => ({ value: i.id, label: String(i.name ?? i.title ?? i.id) }));
}
