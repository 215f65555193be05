// DataTable is the app's one table for lists of rows. On a narrow screen (a
// tablet at 768 px) a wide table scrolls sideways inside its frame: the first
// column stays in place (sticky), shadows at the edges show that there is
// more, a hint says so in words, and the frame takes keyboard focus so it can
// be scrolled without a mouse.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/i18n';

/** Column is one column of a DataTable. */
export type Column<T> = {
  /** key names the column (React key); the label when absent. */
  key?: string;
  label: ReactNode;
  render: (row: T) => ReactNode;
  /** num aligns figures to the right. */
  num?: boolean;
  nowrap?: boolean;
};

type Props<T> = {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** caption names the table (for screen readers; shown visually only if `showCaption`). */
  caption: string;
  showCaption?: boolean;
  /** rowHeader makes the first cell of each row a row header (th scope=row). */
  rowHeader?: boolean;
  rowClass?: (row: T) => string | undefined;
  footer?: ReactNode;
};

/** DataTable renders rows under column headings in a horizontally scrollable frame. */
export function DataTable<T>({ columns, rows, rowKey, caption, showCaption, rowHeader = true, rowClass, footer }: Props<T>) {
  const { t } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const wide = useOverflow(frame);
  const cls = (c: Column<T>) => [c.num && 'num', c.nowrap && 'nowrap'].filter(Boolean).join(' ') || undefined;
  return (
    <>
      {wide && (
        <p className="table-hint small muted" aria-hidden="true">
          {t('table.scrollHint')}
        </p>
      )}
      <div
        className={`table-wrap${wide ? ' is-wide' : ''}`}
        ref={frame}
        // A frame that scrolls must be reachable by keyboard (WCAG 2.1.1).
        tabIndex={wide ? 0 : undefined}
        role={wide ? 'region' : undefined}
        aria-label={wide ? `${caption} (${t('table.scrollHint')})` : undefined}
      >
        <table className="table sticky-first">
          <caption className={showCaption ? undefined : 'sr-only'}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c, n) => (
                <th scope="col" key={c.key ?? n} className={cls(c)}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} className={rowClass?.(row)}>
                {columns.map((c, n) =>
                  n === 0 && rowHeader ? (
                    <th scope="row" key={c.key ?? n} className={cls(c)}>
                      {c.render(row)}
                    </th>
                  ) : (
                    <td key={c.key ?? n} className={cls(c)}>
                      {c.render(row)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
          {footer && <tfoot>{footer}</tfoot>}
        </table>
      </div>
    </>
  );
}

/** useOverflow tells whether an element's content is wider than the element. */
function useOverflow(ref: React.RefObject<HTMLElement | null>): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOver(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, [ref]);
  return over;
}
