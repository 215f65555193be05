// The calendar's occurrences in a range, with the filters of the screen.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { itemsOf, type ItemOf, type QueryOf } from '@/lib/api/types';

/** Occurrence is one expanded occurrence of an activity. */
export type Occurrence = ItemOf<'/calendar'>;

/** CalendarFilter is the range and filters of the calendar screen. */
export type CalendarFilter = QueryOf<'/calendar'> & { from: string; to: string };

const PAGE = 2000;
const MAX_PAGES = 5;

/** fetchCalendar reads every occurrence in the range (page by page). */
export async function fetchCalendar(f: CalendarFilter): Promise<Occurrence[]> {
  const out: Occurrence[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await unwrap(api.GET('/calendar', { params: { query: { ...f, limit: PAGE, offset: page * PAGE } } }));
    const items = itemsOf(r);
    out.push(...items);
    if (items.length < PAGE || out.length >= r.total) break;
  }
  return out;
}

/** useCalendar loads the occurrences of the filter. */
export function useCalendar(f: CalendarFilter) {
  return useQuery({ queryKey: ['calendar', f], queryFn: () => fetchCalendar(f), placeholderData: keepPreviousData });
}
