import { useState, type ReactNode } from 'react';
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

/**
 * CursorPager is where a screen is in a list paged by cursors (ADR 0131): the
 * cursors of the pages it went through (a stack, so "previous" needs no
 * offset) and the total the first page counted. It starts over when `key`
 * (the list and its filters) changes.
 */
export type CursorPager = {
  /** The paging of the request: the cursor of the page shown (none on the first). */
  query: { cursor?: string };
  /** How many pages come before the one shown. */
  index: number;
  /** The list's total, as its first page counted it. */
  total: (page: { total: number }) => number;
  /** Whether that total is the database's estimate. */
  estimate: (page: { estimate?: boolean }) => boolean;
  next: (page: { total: number; estimate?: boolean; next: string | null }) => void;
  prev: () => void;
};

/** useCursorPager keeps a CursorPager for the list named by key. */
export function useCursorPager(key: unknown): CursorPager {
  const k = JSON.stringify(key);
  const [state, setState] = useState<{ key: string; stack: { cursor: string; total: number; estimate: boolean }[] }>({ key: k, stack: [] });
  const stack = state.key === k ? state.stack : [];
  const top = stack[stack.length - 1];
  return {
    query: top ? { cursor: top.cursor } : {},
    index: stack.length,
    total: (page) => (top ? top.total : page.total),
    estimate: (page) => (top ? top.estimate : page.estimate === true),
    next: (page) => {
      if (page.next) setState({ key: k, stack: [...stack, { cursor: page.next, total: top ? top.total : page.total, estimate: top ? top.estimate : page.estimate === true }] });
    },
    prev: () => setState({ key: k, stack: stack.slice(0, -1) }),
  };
}

/** Pager moves through a list page by page with its cursors. */
export function Pager({ pager, limit, page }: { pager: CursorPager; limit: number; page: { items: unknown[]; total: number; estimate?: boolean; next: string | null } }) {
  const { t, number } = useI18n();
  if (pager.index === 0 && !page.next) return null;
  const from = pager.index * limit + 1;
  const shown = { from: number(from), to: number(from + page.items.length - 1), total: number(pager.total(page)) };
  const label = t(pager.estimate(page) ? 'common.showingAbout' : 'common.showing', shown);
  return (
    <nav className="pager" aria-label={label}>
      <Button variant="secondary" disabled={pager.index === 0} onClick={pager.prev}>
        {t('action.prev')}
      </Button>
      <span>{label}</span>
      <Button variant="secondary" disabled={!page.next} onClick={() => pager.next(page)}>
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
