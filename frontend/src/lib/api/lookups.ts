// The lists many features share — units, partners, series, departments,
// committees, agreements — as typed fetchers (one page), query options and
// hooks. A lookup (for pickers and labels) reads every page and is cached for
// a few minutes; a feature's own list screen pages with the same fetcher.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { pageOf, type ItemOf, type Page, type PageQuery, type QueryOf } from './types';

/** Unit is a service unit. */
export type Unit = ItemOf<'/units'>;
/** Partner is a cultural partner. */
export type Partner = ItemOf<'/partners'>;
/** Series is an event series or festival. */
export type Series = ItemOf<'/series'>;
/** Department is a department that shares costs. */
export type Department = ItemOf<'/departments'>;
/** Committee is a unit's culture committee. */
export type Committee = ItemOf<'/committees'>;
/** Agreement is a joint-budget agreement. */
export type Agreement = ItemOf<'/agreements'>;

/** getUnits reads a page of units. */
export const getUnits = async (query: QueryOf<'/units'>): Promise<Page<Unit>> => pageOf(await unwrap(api.GET('/units', { params: { query } })));
/** getPartners reads a page of partners. */
export const getPartners = async (query: QueryOf<'/partners'>): Promise<Page<Partner>> => pageOf(await unwrap(api.GET('/partners', { params: { query } })));
/** getSeries reads a page of series. */
export const getSeries = async (query: QueryOf<'/series'>): Promise<Page<Series>> => pageOf(await unwrap(api.GET('/series', { params: { query } })));
/** getDepartments reads a page of departments. */
export const getDepartments = async (query: QueryOf<'/departments'>): Promise<Page<Department>> =>
  pageOf(await unwrap(api.GET('/departments', { params: { query } })));
/** getCommittees reads a page of committees. */
export const getCommittees = async (query: QueryOf<'/committees'>): Promise<Page<Committee>> =>
  pageOf(await unwrap(api.GET('/committees', { params: { query } })));
/** getAgreements reads a page of agreements. */
export const getAgreements = async (query: QueryOf<'/agreements'>): Promise<Page<Agreement>> =>
  pageOf(await unwrap(api.GET('/agreements', { params: { query } })));

const PAGE = 200;

/** fetchAll reads every page of a list (up to `max` items), following next_cursor. */
export async function fetchAll<T>(get: (page: PageQuery) => Promise<Page<T>>, max = 2000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  while (out.length < max) {
    const page = await get(cursor ? { limit: PAGE, cursor } : { limit: PAGE });
    out.push(...page.items);
    if (!page.next) break;
    cursor = page.next;
  }
  return out;
}

function lookupOptions<T>(name: string, get: (page: PageQuery) => Promise<Page<T>>) {
  return queryOptions({ queryKey: ['lookup', name], queryFn: () => fetchAll(get), staleTime: 5 * 60_000 });
}

/** unitsLookupOptions caches every unit visible to the user. */
export const unitsLookupOptions = () => lookupOptions('units', getUnits);
/** partnersLookupOptions caches every partner. */
export const partnersLookupOptions = () => lookupOptions('partners', getPartners);
/** seriesLookupOptions caches every series. */
export const seriesLookupOptions = () => lookupOptions('series', getSeries);
/** departmentsLookupOptions caches every department. */
export const departmentsLookupOptions = () => lookupOptions('departments', getDepartments);
/** committeesLookupOptions caches every committee visible to the user. */
export const committeesLookupOptions = () => lookupOptions('committees', getCommittees);
/** agreementsLookupOptions caches every agreement. */
export const agreementsLookupOptions = () => lookupOptions('agreements', getAgreements);

/** useUnits lists the units visible to the user. */
export const useUnits = (enabled = true) => useQuery({ ...unitsLookupOptions(), enabled });
/** usePartners lists the partners. */
export const usePartners = (enabled = true) => useQuery({ ...partnersLookupOptions(), enabled });
/** useSeries lists the event series. */
export const useSeries = (enabled = true) => useQuery({ ...seriesLookupOptions(), enabled });
/** useDepartments lists the departments. */
export const useDepartments = (enabled = true) => useQuery({ ...departmentsLookupOptions(), enabled });
/** useCommittees lists the committees visible to the user. */
export const useCommittees = (enabled = true) => useQuery({ ...committeesLookupOptions(), enabled });
/** useAgreements lists the budget agreements. */
export const useAgreements = (enabled = true) => useQuery({ ...agreementsLookupOptions(), enabled });

/** Named is the least a lookup item has: an id and a name or title. */
export type Named = { id: string; name?: string; title?: string };

/** nameOf finds an item's display name by id in a lookup list. */
export function nameOf(list: readonly Named[] | undefined, id: string | null | undefined): string {
  if (!id) return '';
  const x = list?.find((i) => i.id === id);
  return x?.name ?? x?.title ?? '';
}

/** options turns a lookup list into select options. */
export function options(list: readonly Named[] | undefined): { value: string; label: string }[] {
  return (list ?? []).map((i) => ({ value: i.id, label: i.name ?? i.title ?? i.id }));
}
