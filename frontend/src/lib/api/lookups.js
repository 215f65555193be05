// The lists many features share — units, partners, series, departments,
// committees, agreements — as typed fetchers (one page), query options and
// hooks. A lookup (for pickers and labels) reads every page and is cached for
// a few minutes; a feature's own list screen pages with the same fetcher.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { pageOf } from './types';
/** getUnits reads a page of units. */
export const getUnits = async (query) => pageOf(await unwrap(api.GET('/units', { params: { query } })));
/** getPartners reads a page of partners. */
export const getPartners = async (query) => pageOf(await unwrap(api.GET('/partners', { params: { query } })));
/** getSeries reads a page of series. */
export const getSeries = async (query) => pageOf(await unwrap(api.GET('/series', { params: { query } })));
/** getDepartments reads a page of departments. */
export const getDepartments = async (query) => pageOf(await unwrap(api.GET('/departments', { params: { query } })));
/** getCommittees reads a page of committees. */
export const getCommittees = async (query) => pageOf(await unwrap(api.GET('/committees', { params: { query } })));
/** getAgreements reads a page of agreements. */
export const getAgreements = async (query) => pageOf(await unwrap(api.GET('/agreements', { params: { query } })));
const PAGE = 200;
/** fetchAll reads every page of a list (up to `max` items). */
export async function fetchAll(get, max = 2000) {
    const out = [];
    for (let offset = 0; offset < max; offset += PAGE) {
        const page = await get({ limit: PAGE, offset });
        out.push(...page.items);
        if (page.items.length < PAGE || out.length >= page.total)
            break;
    }
    return out;
}
function lookupOptions(name, get) {
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
/** nameOf finds an item's display name by id in a lookup list. */
export function nameOf(list, id) {
    if (!id)
        return '';
    const x = list?.find((i) => i.id === id);
    return x?.name ?? x?.title ?? '';
}
/** options turns a lookup list into select options. */
export function options(list) {
    return (list ?? []).map((i) => ({ value: i.id, label: i.name ?? i.title ?? i.id }));
}
