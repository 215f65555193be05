import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Loaded, PageHeader, Pager, useCursorPager } from '@/components/ui/misc';
import { pageOf } from '@/lib/api/types';
import { useInbox, useMarkAllRead, useMarkRead, type Notification } from '../api/notifications';

const LIMIT = 20;

/**
 * InboxPage is the signed-in user's notifications, newest first: each opens
 * the exact screen it is about (and is marked read on the way), can be marked
 * read on its own, or all at once. Only unread ones on request.
 */
export function InboxPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const pager = useCursorPager(unreadOnly);
  const inbox = useInbox({ limit: LIMIT, ...pager.query, ...(unreadOnly ? { unread: true } : {}) }, me?.locale);
  const readAll = useMarkAllRead();
  const read = useMarkRead();
  const unread = inbox.data?.unread ?? 0;

  return (
    <>
      <PageHeader title={t('notif.title')}>
        <Button variant="secondary" disabled={unread === 0} busy={readAll.isPending} onClick={() => readAll.mutate()}>
          {t('notif.readAll')}
        </Button>
        <Link className="btn btn-secondary" to="/notifications/settings">
          {t('notif.settings')}
        </Link>
      </PageHeader>
      <p role="status" className="muted" data-testid="unread-summary">
        {inbox.data ? (unread === 0 ? t('notif.noneUnread') : t('notif.unreadCount', { n: unread })) : ''}
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={unreadOnly}
          onChange={(e) => {
            setUnreadOnly(e.target.checked);
          }}
        />
        {t('notif.unreadOnly')}
      </label>
      <ErrorAlert error={readAll.error ?? read.error} />
      <Loaded q={inbox} isEmpty={(d) => d.items.length === 0} empty={unreadOnly ? t('notif.emptyUnread') : t('notif.empty')}>
        {(d) => (
          <>
            <ul className="notif-list">
              {d.items.map((n) => (
                <Item key={n.id} n={n} onRead={() => read.mutate(n)} busy={read.isPending && read.variables?.id === n.id} />
              ))}
            </ul>
            <Pager pager={pager} limit={LIMIT} page={pageOf(d)} />
          </>
        )}
      </Loaded>
    </>
  );
}

function Item({ n, onRead, busy }: { n: Notification; onRead: () => void; busy: boolean }) {
  const i = useI18n();
  const { t } = i;
  const unread = !n.read_at;
  const canRead = n.allowed_actions.includes('read');
  // The body's own lines; a digest's lines ("- …") come as items, each linking to its own screen.
  const text = n.body.split('\n').filter((l) => !l.startsWith('- '));
  const open = () => unread && canRead && onRead();
  return (
    <li className={`notif-item card${unread ? ' unread' : ''}`} data-kind={n.kind}>
      <div className="notif-main">
        <p className="notif-title">
          {unread && <Badge tone="info">{t('notif.new')}</Badge>}{' '}
          {/* Opening it marks it read; the screen it is about opens at once. */}
          <Link to={n.link} onClick={open}>
            {n.title}
          </Link>
        </p>
        {text.map((l, k) => (
          <p className="notif-body" key={k}>
            {l}
          </p>
        ))}
        {n.items.length > 0 && (
          <ul className="notif-lines">
            {n.items.map((it, k) => (
              <li key={k}>
                <Link to={it.link} onClick={open}>
                  {it.text}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p className="small muted">
          <time dateTime={n.created_at}>{i.dateTime(n.created_at)}</time> · {i.tk('nk', n.kind)} · {i.tk('notif.email', n.email)}
        </p>
      </div>
      {unread && canRead && (
        <Button variant="secondary" size="small" busy={busy} onClick={onRead} aria-label={t('notif.markReadOne', { title: n.title })}>
          {t('notif.markRead')}
        </Button>
      )}
    </li>
  );
}
