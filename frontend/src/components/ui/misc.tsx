import type { ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { Button } from './Button';
import { ErrorAlert } from './Alert';

/** Loading is a polite "loading" line. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Empty is the line shown for an empty list. */
export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="empty">{children ?? t('common.empty')}</p>;
}

/** PageHeader is a screen's heading with its main actions. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1 tabIndex={-1}>{title}</h1>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

/** Pager moves through a `{items, total}` list by limit and offset. */
export function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (o: number) => void }) {
  const { t } = useI18n();
  if (total <= limit) return null;
  return (
    <nav className="pager" aria-label={t('common.showing', { from: offset + 1, to: Math.min(offset + limit, total), total })}>
      <Button variant="secondary" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('action.prev')}
      </Button>
      <span>{t('common.showing', { from: offset + 1, to: Math.min(offset + limit, total), total })}</span>
      <Button variant="secondary" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        {t('action.next')}
      </Button>
    </nav>
  );
}

/** Badge is a small coloured label, e.g. for a status. */
export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/**
 * Loaded shows a query's state the same way on every screen: "loading", its
 * error with a retry, the empty line when `isEmpty` says so, else the data.
 */
export function Loaded<T>({
  q,
  isEmpty,
  empty,
  children,
}: {
  q: { isLoading: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data === undefined || isEmpty?.(q.data)) return <Empty>{empty}</Empty>;
  return <>{children(q.data)}</>;
}
