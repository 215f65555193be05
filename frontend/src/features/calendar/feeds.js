// The calendar's iCalendar feeds: the public feed (public activities, no
// token) for the whole calendar, a unit or a partner, and the private feeds
// opened by a feed token.
import { API_BASE, absolute } from '@/lib/api/session';
import { FEED_SCOPES, oneOf } from '@/lib/api/enums';
/** publicFeedUrl is the address of the public feed, optionally of one unit or partner. */
export function publicFeedUrl(scope, id) {
    const q = scope !== 'all' && id ? `?${scope}=${encodeURIComponent(id)}` : '';
    return absolute(`${API_BASE}/calendar.ics${q}`);
}
/** feedUrl turns the API's feed path ("/api/v1/calendar.ics?token=...") into a full address. */
export function feedUrl(feedPath) {
    return absolute(feedPath);
}
/** webcal gives the webcal:// form calendar apps open as a subscription. */
export function webcal(url) {
    return url.replace(/^https?:/, 'webcal:');
}
/** feedTokenBody builds the create body: the unit or partner only for that scope. */
export function feedTokenBody(v) {
    const scope = oneOf(FEED_SCOPES, v.scope) ?? 'all';
    return {
        name: v.name.trim(),
        scope,
        ...(scope === 'unit' && v.unit_id ? { unit_id: v.unit_id } : {}),
        ...(scope === 'partner' && v.partner_id ? { partner_id: v.partner_id } : {}),
    };
}
