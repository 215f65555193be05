// Which kinds of notification reach which role (docs/notifications.md, "Every
// kind"): the settings screen shows a user the kinds they can receive first.
import type { Role } from '@/lib/auth/auth';
import { NOTIFICATION_KINDS } from '@/lib/api/enums';

/** Kind is a kind of notification. */
export type Kind = (typeof NOTIFICATION_KINDS)[number];

const RECIPIENTS: Record<Kind, Role[]> = {
  month_ready: ['manager'],
  approval_withdrawn: ['manager'],
  month_approved: ['producer'],
  month_locked: ['manager'],
  month_unlocked: ['manager'],
  attendance_missing: ['mentor'],
  activity_changed: ['mentor'],
  weekly_programme: ['mentor'],
  idea_status_changed: ['mentor'],
};

/** kindsFor splits the kinds into those a role receives and the others. */
export function kindsFor(role: Role | null): { mine: Kind[]; others: Kind[] } {
  const mine = NOTIFICATION_KINDS.filter((k) => role !== null && RECIPIENTS[k].includes(role));
  return { mine, others: NOTIFICATION_KINDS.filter((k) => !mine.includes(k)) };
}
