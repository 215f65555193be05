/** sameInstant tells whether two RFC 3339 times are the same instant (offsets may differ). */
export function sameInstant(a, b) {
    return !!a && !!b && new Date(a).getTime() === new Date(b).getTime();
}
/**
 * attendable tells whether attendance can be recorded for an occurrence: it
 * has started and neither it nor its activity is cancelled (the API's rule,
 * so the form never offers what the API would refuse).
 */
export function attendable(o, now) {
    return !o.cancelled && o.status !== 'cancelled' && o.activity_status !== 'cancelled' && new Date(o.starts_at).getTime() <= now.getTime();
}
