// The calendar's occurrences in a range, with the filters of the screen.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { ItemOf } from '@/lib/api/types';

/** Occurrence is one expanded occurrence of an activity. */
export type Occurrence = ItemOf<'/calendar'>;

/** CalendarFilter is the range and filters of the calendar screen. */
export type CalendarFilter = {
  from: string;
  to: string;
  unit_id?: string;
  partner_id?: string;
  category?: string;
  status?: string;
  series_id?: string;
};

const PAGE = 2000;
const MAX_PAGES = 5;

/** fetchCalendar reads every occurrence in the range (page by page). */
export async function fetchCalendar(f: CalendarFilter): Promise<Record<string, unknown>[]> {
  const query: Record<string, string | number> = { from: f.from, to: f.to };
  for (const k of ['unit_id', 'partner_id', 'category', 'status', 'series_id'] as const) if (f[k]) query[k] = f[k]!;
  const out: Record<string, unknown>[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = (await unwrap(api.GET('/calendar', { params: { query: { ...query, limit: PAGE, offset: page * PAGE } as never } }))) as {
      items?: Record<string, unknown>[] | null;
      total?: number;
    };
    const items = r.items ?? [];
    out.push(...items);
    if (items.length < PAGE || out.length >= (r.total ?? 0)) break;
  }
  return out;
}

/** useCalendar loads the occurrences of the filter. */
export function useCalendar(f: CalendarFilter) {
  return useQuery({ queryKey: ['calendar', f], queryFn: () => fetchCalendar(f), placeholderData: keepPreviousData });
}
