import { jsx as _jsx } from "react/jsx-runtime";
// DateField is a day input that does not depend on the browser's locale: a
// text field showing the UI language's format (fi "pp.kk.vvvv", en
// "yyyy-mm-dd"), which also accepts the other format, and gives the form the
// day as "YYYY-MM-DD" ('' while empty or not a real day). See docs/frontend.md.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDayInput, parseDayInput } from '@/lib/i18n/dates';
import { TextField } from './Field';
/** DateField is a labelled day input with the format hint under it. */
export function DateField({ label, value, onChange, required, error, help, className, name, min, max }) {
    const { t, locale } = useI18n();
    const [text, setText] = useState(() => formatDayInput(value, locale));
    const [bad, setBad] = useState();
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
    function change(s) {
        setText(s);
        const d = parseDayInput(s) ?? '';
        if (d)
            setBad(undefined);
        if (d !== emitted.current) {
            emitted.current = d;
            onChange(d);
        }
    }
    function blur() {
        const d = parseDayInput(text);
        if (!text.trim())
            return setBad(undefined);
        if (!d)
            return setBad(t('date.invalid', { format: hint }));
        if (min && d < min)
            return setBad(t('date.tooEarly', { day: formatDayInput(min, locale) }));
        if (max && d > max)
            return setBad(t('date.tooLate', { day: formatDayInput(max, locale) }));
        setBad(undefined);
        setText(formatDayInput(d, locale));
    }
    return (_jsx(TextField, { label: label, required: required, className: className, name: name, value: text, type: "text", inputMode: "numeric", autoComplete: "off", placeholder: hint, help: help ?? hint, error: bad ?? error, onChange: (e) => change(e.target.value), onBlur: blur }));
}
