import { Link, useLocation } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useUnreadCount } from '../api/notifications';

/**
 * NotificationBell is the header's way to the inbox: a bell with the number
 * of unread notifications (asked again every minute and when the window gets
 * focus). Its name says the count, so a screen reader hears it too.
 */
export function NotificationBell() {
  const { t } = useI18n();
  const unread = useUnreadCount().data ?? 0;
  const here = useLocation().pathname === '/notifications';
  const label = unread > 0 ? t('notif.bellUnread', { n: unread }) : t('notif.bell');
  return (
    <Link to="/notifications" className="bell" aria-label={label} title={label} aria-current={here ? 'page' : undefined} data-testid="notification-bell">
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
