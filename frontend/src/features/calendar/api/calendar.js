// The calendar's occurrences in a range, with the filters of the screen.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { pageOf } from '@/lib/api/types';
const PAGE = 2000;
const MAX_PAGES = 5;
/** getCalendar reads every occurrence in the range (page by page). */
export async function getCalendar(f) {
    const out = [];
    for (let page = 0; page < MAX_PAGES; page++) {
        const r = pageOf(await unwrap(api.GET('/calendar', { params: { query: { ...f, limit: PAGE, offset: page * PAGE } } })));
        out.push(...r.items);
        if (r.items.length < PAGE || out.length >= r.total)
            break;
    }
    return out;
}
/** getCalendarQueryOptions caches a range's occurrences under ['calendar', filter]. */
export const getCalendarQueryOptions = (f) => queryOptions({ queryKey: ['calendar', f], queryFn: () => getCalendar(f), placeholderData: keepPreviousData });
/** useCalendar loads the occurrences of the filter. */
export const useCalendar = (f) => useQuery(getCalendarQueryOptions(f));
