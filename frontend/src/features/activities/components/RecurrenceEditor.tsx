import { useId, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { TextField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { expand, toRRule, type Recurrence } from '../recurrence';
import { describeRule } from '../recurrenceText';
import { weekdayIndex, zonedIso } from '@/lib/i18n/dates';

type Props = {
  start: string;
  value: Recurrence;
  onChange: (r: Recurrence) => void;
  excluded: string[];
  onExcludedChange: (d: string[]) => void;
  error?: string;
  excludedError?: string;
};

const PREVIEW = 12;

/**
 * RecurrenceEditor edits a weekly rule (days, every n weeks, until or count,
 * excluded dates) and shows the next occurrences before the activity is saved.
 */
export function RecurrenceEditor({ start, value, onChange, excluded, onExcludedChange, error, excludedError }: Props) {
  const i = useI18n();
  const { t, weekday, dateLong } = i;
  const [exDay, setExDay] = useState('');
  const id = useId();
  const set = (p: Partial<Recurrence>) => onChange({ ...value, ...p });
  const occ = expand(start, value, excluded);
  const shown = occ.slice(0, PREVIEW);
  const effective = occ.filter((o) => !o.excluded).length;
  // A weekly rule without days repeats on the first day's weekday: that day is marked as the rule's.
  const days = value.days.length ? value.days : start ? [weekdayIndex(start)] : [];

  return (
    <fieldset className="field recurrence" aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{t('rec.title')}</legend>
      <div className="segmented" role="group" aria-label={t('rec.title')}>
        <button type="button" aria-pressed={!value.kept && value.freq === 'none'} onClick={() => set({ freq: 'none', kept: undefined })}>
          {t('rec.none')}
        </button>
        <button type="button" aria-pressed={!value.kept && value.freq === 'weekly'} onClick={() => set({ freq: 'weekly', kept: undefined })}>
          {t('rec.weekly')}
        </button>
      </div>
      {value.kept && (
        <p data-testid="rule-kept">{t('rec.kept', { rule: describeRule(value.kept, start ? zonedIso(start, '12:00') : '', i) ?? value.kept })}</p>
      )}
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
      {!value.kept && value.freq === 'weekly' && (
        <>
          <fieldset className="field">
            <legend>{t('rec.days')}</legend>
            <div className="day-toggles">
              {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                <label key={d}>
                  <input
                    type="checkbox"
                    checked={days.includes(d)}
                    onChange={(e) => set({ days: e.target.checked ? [...days, d] : days.filter((x) => x !== d) })}
                  />
                  {weekday(d)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="form-grid">
            <TextField
              label={t('rec.interval')}
              help={t('rec.intervalHelp')}
              type="number"
              min={1}
              max={52}
              value={String(value.interval)}
              onChange={(e) => set({ interval: Math.max(1, parseInt(e.target.value || '1', 10)) })}
            />
            <fieldset className="field">
              <legend>{t('rec.end')}</legend>
              {(['count', 'until', 'never'] as const).map((k) => (
                <label className="checkbox" key={k}>
                  <input type="radio" name={`${id}-end`} checked={value.end === k} onChange={() => set({ end: k })} />
                  {t(k === 'count' ? 'rec.endCount' : k === 'until' ? 'rec.endUntil' : 'rec.endNever')}
                </label>
              ))}
            </fieldset>
            {value.end === 'count' && (
              <TextField label={t('rec.count')} type="number" min={1} max={400} value={String(value.count)} onChange={(e) => set({ count: parseInt(e.target.value || '0', 10) })} />
            )}
            {value.end === 'until' && <DateField label={t('rec.until')} min={start} value={value.until} onChange={(d) => set({ until: d })} />}
          </div>
          <div className="field">
            <span className="label-like">
              <strong>{t('rec.excluded')}</strong>
            </span>
            {excluded.length > 0 && (
              <ul className="chips" aria-label={t('rec.excluded')}>
                {excluded.map((d) => (
                  <li key={d}>
                    {dateLong(d)}
                    <Button variant="ghost" size="small" aria-label={`${t('action.remove')}: ${dateLong(d)}`} onClick={() => onExcludedChange(excluded.filter((x) => x !== d))}>
                      ✕
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            <div className="filters">
              <DateField label={t('rec.addExcluded')} value={exDay} min={start} onChange={(d) => setExDay(d)} error={excludedError} />
              <Button
                variant="secondary"
                className="field"
                disabled={!exDay || excluded.includes(exDay)}
                onClick={() => {
                  onExcludedChange([...excluded, exDay].sort());
                  setExDay('');
                }}
              >
                {t('action.add')}
              </Button>
            </div>
          </div>
        </>
      )}
      {!value.kept && (
        <section className="card" aria-labelledby={`${id}-preview`} aria-live="polite">
          <h3 id={`${id}-preview`}>{t('rec.preview')}</h3>
          {value.freq === 'weekly' && start && <p data-testid="rule-text">{describeRule(toRRule(value), zonedIso(start, '12:00'), i)}</p>}
          {shown.length === 0 ? (
            <p className="muted">{t('rec.previewEmpty')}</p>
          ) : (
            <>
              <ol className="occ-list" data-testid="occurrence-preview">
                {shown.map((o) => (
                  <li key={o.day} className={o.excluded ? 'excluded' : undefined}>
                    {dateLong(o.day)}
                    {o.excluded && <span className="visually-hidden"> ({t('rec.excluded')})</span>}
                    {value.freq === 'weekly' && !o.excluded && (
                      <>
                        {' '}
                        <button type="button" className="link small" onClick={() => onExcludedChange([...excluded, o.day].sort())} aria-label={`${t('rec.skip')}: ${dateLong(o.day)}`}>
                          {t('rec.skip')}
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ol>
              {value.freq === 'weekly' && (
                <p className="muted small">
                  {value.end === 'never' ? t('rec.summaryMore', { n: shown.length }) : t('rec.summary', { n: effective })}
                </p>
              )}
            </>
          )}
        </section>
      )}
    </fieldset>
  );
}
