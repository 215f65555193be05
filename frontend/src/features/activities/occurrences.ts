// Rules about one occurrence of an activity that several screens share.
import type { Occurrence } from './api/activities';

/** sameInstant tells whether two RFC 3339 times are the same instant (offsets may differ). */
export function sameInstant(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && new Date(a).getTime() === new Date(b).getTime();
}

/**
 * attendable tells whether attendance can be recorded for an occurrence: it
 * has started and neither it nor its activity is cancelled (the API's rule,
 * so the form never offers what the API would refuse).
 */
export function attendable(o: Pick<Occurrence, 'starts_at' | 'cancelled' | 'status' | 'activity_status'>, now: Date): boolean {
  return !o.cancelled && o.status !== 'cancelled' && o.activity_status !== 'cancelled' && new Date(o.starts_at).getTime() <= now.getTime();
}
