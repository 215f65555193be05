// The calendar's occurrences in a range, with the filters of the screen.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { pageOf, type ItemOf, type QueryOf } from '@/lib/api/types';

/** Occurrence is one expanded occurrence of an activity. */
export type Occurrence = ItemOf<'/calendar'>;

/** CalendarFilter is the range and filters of the calendar screen. */
export type CalendarFilter = QueryOf<'/calendar'> & { from: string; to: string };

const PAGE = 2000;
const MAX_PAGES = 5;

/** getCalendar reads every occurrence in the range (page by page). */
export async function getCalendar(f: CalendarFilter): Promise<Occurrence[]> {
  const out: Occurrence[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = pageOf(await unwrap(api.GET('/calendar', { params: { query: { ...f, limit: PAGE, ...(cursor ? { cursor } : {}) } } })));
    out.push(...r.items);
    if (!r.next) break;
    cursor = r.next;
  }
  return out;
}
/** getCalendarQueryOptions caches a range's occurrences under ['calendar', filter]. */
export const getCalendarQueryOptions = (f: CalendarFilter) =>
  queryOptions({ queryKey: ['calendar', f], queryFn: () => getCalendar(f), placeholderData: keepPreviousData });
/** useCalendar loads the occurrences of the filter. */
export const useCalendar = (f: CalendarFilter) => useQuery(getCalendarQueryOptions(f));
