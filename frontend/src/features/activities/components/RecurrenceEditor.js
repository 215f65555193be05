import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useId, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { TextField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { expand, toRRule } from '../recurrence';
import { describeRule } from '../recurrenceText';
import { weekdayIndex, zonedIso } from '@/lib/i18n/dates';
const PREVIEW = 12;
/**
 * RecurrenceEditor edits a weekly rule (days, every n weeks, until or count,
 * excluded dates) and shows the next occurrences before the activity is saved.
 */
export function RecurrenceEditor({ start, value, onChange, excluded, onExcludedChange, error, excludedError }) {
    const i = useI18n();
    const { t, weekday, dateLong } = i;
    const [exDay, setExDay] = useState('');
    const id = useId();
    const set = (p) => onChange({ ...value, ...p });
    const occ = expand(start, value, excluded);
    const shown = occ.slice(0, PREVIEW);
    const effective = occ.filter((o) => !o.excluded).length;
    // A weekly rule without days repeats on the first day's weekday: that day is marked as the rule's.
    const days = value.days.length ? value.days : start ? [weekdayIndex(start)] : [];
    return (_jsxs("fieldset", { className: "field recurrence", "aria-describedby": error ? `${id}-err` : undefined, children: [_jsx("legend", { children: t('rec.title') }), _jsxs("div", { className: "segmented", role: "group", "aria-label": t('rec.title'), children: [_jsx("button", { type: "button", "aria-pressed": value.freq === 'none', onClick: () => set({ freq: 'none' }), children: t('rec.none') }), _jsx("button", { type: "button", "aria-pressed": value.freq === 'weekly', onClick: () => set({ freq: 'weekly' }), children: t('rec.weekly') })] }), error && (_jsx("p", { className: "field-error", id: `${id}-err`, children: error })), value.freq === 'weekly' && (_jsxs(_Fragment, { children: [_jsxs("fieldset", { className: "field", children: [_jsx("legend", { children: t('rec.days') }), _jsx("div", { className: "day-toggles", children: [0, 1, 2, 3, 4, 5, 6].map((d) => (_jsxs("label", { children: [_jsx("input", { type: "checkbox", checked: days.includes(d), onChange: (e) => set({ days: e.target.checked ? [...days, d] : days.filter((x) => x !== d) }) }), weekday(d)] }, d))) })] }), _jsxs("div", { className: "form-grid", children: [_jsx(TextField, { label: t('rec.interval'), help: t('rec.intervalHelp'), type: "number", min: 1, max: 52, value: String(value.interval), onChange: (e) => set({ interval: Math.max(1, parseInt(e.target.value || '1', 10)) }) }), _jsxs("fieldset", { className: "field", children: [_jsx("legend", { children: t('rec.end') }), ['count', 'until', 'never'].map((k) => (_jsxs("label", { className: "checkbox", children: [_jsx("input", { type: "radio", name: `${id}-end`, checked: value.end === k, onChange: () => set({ end: k }) }), t(k === 'count' ? 'rec.endCount' : k === 'until' ? 'rec.endUntil' : 'rec.endNever')] }, k)))] }), value.end === 'count' && (_jsx(TextField, { label: t('rec.count'), type: "number", min: 1, max: 400, value: String(value.count), onChange: (e) => set({ count: parseInt(e.target.value || '0', 10) }) })), value.end === 'until' && _jsx(DateField, { label: t('rec.until'), min: start, value: value.until, onChange: (d) => set({ until: d }) })] }), _jsxs("div", { className: "field", children: [_jsx("span", { className: "label-like", children: _jsx("strong", { children: t('rec.excluded') }) }), excluded.length > 0 && (_jsx("ul", { className: "chips", "aria-label": t('rec.excluded'), children: excluded.map((d) => (_jsxs("li", { children: [dateLong(d), _jsx(Button, { variant: "ghost", size: "small", "aria-label": `${t('action.remove')}: ${dateLong(d)}`, onClick: () => onExcludedChange(excluded.filter((x) => x !== d)), children: "\u2715" })] }, d))) })), _jsxs("div", { className: "filters", children: [_jsx(DateField, { label: t('rec.addExcluded'), value: exDay, min: start, onChange: (d) => setExDay(d), error: excludedError }), _jsx(Button, { variant: "secondary", className: "field", disabled: !exDay || excluded.includes(exDay), onClick: () => {
                                            onExcludedChange([...excluded, exDay].sort());
                                            setExDay('');
                                        }, children: t('action.add') })] })] })] })), _jsxs("section", { className: "card", "aria-labelledby": `${id}-preview`, "aria-live": "polite", children: [_jsx("h3", { id: `${id}-preview`, children: t('rec.preview') }), value.freq === 'weekly' && start && _jsx("p", { "data-testid": "rule-text", children: describeRule(toRRule(value), zonedIso(start, '12:00'), i) }), shown.length === 0 ? (_jsx("p", { className: "muted", children: t('rec.previewEmpty') })) : (_jsxs(_Fragment, { children: [_jsx("ol", { className: "occ-list", "data-testid": "occurrence-preview", children: shown.map((o) => (_jsxs("li", { className: o.excluded ? 'excluded' : undefined, children: [dateLong(o.day), o.excluded && _jsxs("span", { className: "visually-hidden", children: [" (", t('rec.excluded'), ")"] }), value.freq === 'weekly' && !o.excluded && (_jsxs(_Fragment, { children: [' ', _jsx("button", { type: "button", className: "link small", onClick: () => onExcludedChange([...excluded, o.day].sort()), "aria-label": `${t('rec.skip')}: ${dateLong(o.day)}`, children: t('rec.skip') })] }))] }, o.day))) }), value.freq === 'weekly' && (_jsx("p", { className: "muted small", children: value.end === 'never' ? t('rec.summaryMore', { n: shown.length }) : t('rec.summary', { n: effective }) }))] }))] })] }));
}
