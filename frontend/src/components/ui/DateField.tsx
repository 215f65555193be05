// DateField is a day input that does not depend on the browser's locale: a
// text field showing the UI language's one day format (fi "5.3.2025", sv
// "2025-03-05", en "05/03/2025"), which also accepts the others, with a
// calendar button whose month speaks the UI language (DayPicker); it gives the
// form the day as "YYYY-MM-DD" ('' while empty or not a real day). See
// docs/frontend.md and ADR 0145.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDayInput, parseDayInput } from '@/lib/i18n/dates';
import { TextField } from './Field';
import { DayPicker } from './DayPicker';

type Props = {
  label: string;
  value: string;
  onChange: (day: string) => void;
  required?: boolean;
  error?: string;
  help?: string;
  className?: string;
  name?: string;
  /** min and max ("YYYY-MM-DD") are checked when the field loses focus. */
  min?: string;
  max?: string;
};

/** DateField is a labelled day input with the format hint under it. */
export function DateField({ label, value, onChange, required, error, help, className, name, min, max }: Props) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(() => formatDayInput(value, locale));
  const [bad, setBad] = useState<string | undefined>();
  const [picking, setPicking] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  // The last day this field gave the form: a different value prop comes from
  // outside (a reset, loaded data) and replaces the text.
  const emitted = useRef(value);
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(formatDayInput(value, locale));
      setBad(undefined);
    }
  }, [value, locale]);
  // A change of language shows a valid day in the new format.
  useEffect(() => {
    setText((old) => {
      const d = parseDayInput(old);
      return d ? formatDayInput(d, locale) : old;
    });
  }, [locale]);
  const hint = t('date.format');
  function change(s: string) {
    setText(s);
    const d = parseDayInput(s) ?? '';
    if (d) setBad(undefined);
    if (d !== emitted.current) {
      emitted.current = d;
      onChange(d);
    }
  }
  function blur() {
    const d = parseDayInput(text);
    if (!text.trim()) return setBad(undefined);
    if (!d) return setBad(t('date.invalid', { format: hint }));
    if (min && d < min) return setBad(t('date.tooEarly', { day: formatDayInput(min, locale) }));
    if (max && d > max) return setBad(t('date.tooLate', { day: formatDayInput(max, locale) }));
    setBad(undefined);
    setText(formatDayInput(d, locale));
  }
  function close() {
    setPicking(false);
    toggle.current?.focus();
  }
  function pick(d: string) {
    change(formatDayInput(d, locale));
    setBad(undefined);
    close();
  }
  return (
    <TextField
      label={label}
      required={required}
      className={className}
      name={name}
      value={text}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={hint}
      help={help ?? hint}
      error={bad ?? error}
      onChange={(e) => change(e.target.value)}
      onBlur={blur}
      after={
        <>
          <button
            ref={toggle}
            type="button"
            className="btn btn-secondary calendar-toggle"
            aria-label={t('date.pick', { label })}
            aria-expanded={picking}
            onClick={() => setPicking((p) => !p)}
          >
            <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6">
              <rect x="2.5" y="4" width="15" height="13.5" rx="1.5" />
              <path d="M2.5 8h15M6.5 2v4M13.5 2v4" />
              <path d="M6 11.5h2M9 11.5h2M12 11.5h2M6 14.5h2M9 14.5h2" strokeWidth="1.8" />
            </svg>
          </button>
          {picking && <DayPicker value={parseDayInput(text) ?? ''} min={min} max={max} label={t('date.pick', { label })} onPick={pick} onClose={close} />}
        </>
      }
    />
  );
}
