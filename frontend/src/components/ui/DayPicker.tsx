// DayPicker is the calendar that opens from a date field: the month's name,
// the weekdays and the days in the UI language (not the browser's), Monday
// first, with the chosen day and today marked. Arrow keys move by a day or a
// week, Page Up/Down by a month, Enter picks, Escape closes.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { addDays, addMonths, monthGrid, startOfMonth, today } from '@/lib/i18n/dates';

type Props = {
  /** value is the chosen day ("YYYY-MM-DD") or ''. */
  value: string;
  min?: string;
  max?: string;
  onPick: (day: string) => void;
  onClose: () => void;
  label: string;
};

/** DayPicker shows a month to pick a day from. */
export function DayPicker({ value, min, max, onPick, onClose, label }: Props) {
  const i = useI18n();
  const { t } = i;
  const now = today();
  const [focus, setFocus] = useState(value || now);
  const grid = useRef<HTMLTableElement>(null);
  // Keys (and opening) move the focus to the day; the month buttons keep it.
  const keyNav = useRef(true);
  const month = startOfMonth(focus);
  const allowed = (d: string) => (!min || d >= min) && (!max || d <= max);

  useEffect(() => {
    if (keyNav.current) grid.current?.querySelector<HTMLButtonElement>(`button[data-day="${focus}"]`)?.focus();
  }, [focus]);
  const toMonth = (n: number) => {
    keyNav.current = false;
    setFocus(addMonths(month, n));
  };

  function onKey(e: KeyboardEvent) {
    const step: Record<string, () => string> = {
      ArrowLeft: () => addDays(focus, -1),
      ArrowRight: () => addDays(focus, 1),
      ArrowUp: () => addDays(focus, -7),
      ArrowDown: () => addDays(focus, 7),
      PageUp: () => addMonths(focus, -1),
      PageDown: () => addMonths(focus, 1),
    };
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (step[e.key]) {
      e.preventDefault();
      keyNav.current = true;
      setFocus(step[e.key]());
    }
  }

  return (
    <div className="day-picker" role="dialog" aria-modal="false" aria-label={label} onKeyDown={onKey}>
      <div className="day-picker-head">
        <button type="button" className="btn btn-ghost btn-small" aria-label={t('date.prevMonth')} onClick={() => toMonth(-1)}>
          ‹
        </button>
        <strong aria-live="polite">{i.monthYear(month)}</strong>
        <button type="button" className="btn btn-ghost btn-small" aria-label={t('date.nextMonth')} onClick={() => toMonth(1)}>
          ›
        </button>
      </div>
      <table ref={grid} role="grid" aria-label={i.monthYear(month)}>
        <thead>
          <tr>
            {[0, 1, 2, 3, 4, 5, 6].map((d) => (
              <th key={d} scope="col">
                {i.weekday(d)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(month).map((week) => (
            <tr key={week[0]}>
              {week.map((d) => (
                <td key={d}>
                  <button
                    type="button"
                    data-day={d}
                    className={`day${d.slice(0, 7) !== month.slice(0, 7) ? ' other' : ''}${d === now ? ' today' : ''}`}
                    tabIndex={d === focus ? 0 : -1}
                    aria-label={i.dateLong(d)}
                    aria-pressed={d === value}
                    aria-current={d === now ? 'date' : undefined}
                    disabled={!allowed(d)}
                    onClick={() => onPick(d)}
                  >
                    {Number(d.slice(8))}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="day-picker-foot">
        <button type="button" className="btn btn-secondary btn-small" disabled={!allowed(now)} onClick={() => onPick(now)}>
          {t('action.today')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('action.close')}
        </button>
      </div>
    </div>
  );
}
