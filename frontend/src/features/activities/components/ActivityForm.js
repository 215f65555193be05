import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, TARGET_GROUPS, VISIBILITIES, enumOptions } from '@/lib/api/enums';
import { options, usePartners, useSeries, useUnits } from '@/lib/api/lookups';
import { useAuth } from '@/lib/auth/auth';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { useSubmit } from '@/components/crud/useSubmit';
import { RecurrenceEditor } from './RecurrenceEditor';
import { toBody } from '../form';
const SHOWN = ['title', 'description', 'plain_language', 'plain_language.fi', 'plain_language.sv', 'category', 'status', 'starts_at', 'ends_at', 'recurrence', 'exdates', 'unit_ids', 'partner_ids', 'series_id', 'target_groups', 'accessibility', 'capacity', 'visibility', 'cost_estimate_cents'];
/**
 * ActivityForm edits an activity. The values stay in the form whatever
 * happens: an API error is shown next to its field, a calendar clash next to
 * the times, and an expired session is renewed in place before saving again.
 */
export function ActivityForm({ initial, save, onCancel, statuses = ACTIVITY_STATUSES, onReload }) {
    const { t, tk } = useI18n();
    const [v, setV] = useState(initial);
    const { local, error, busy, run } = useSubmit();
    const units = useUnits();
    const { me, role } = useAuth();
    // A mentor proposes activities for their own units only.
    const unitChoices = role === 'mentor' && me ? (units.data ?? []).filter((u) => me.unit_ids.includes(u.id)) : units.data;
    const partners = usePartners();
    const series = useSeries();
    const set = (k, val) => setV((o) => ({ ...o, [k]: val }));
    // A 409 naming a "clash" is a calendar overlap (shown next to the times,
    // with "save anyway"); any other 409 is a plain error.
    const clash = error instanceof ApiError && error.status === 409 && error.problem.clash ? error : null;
    const fe = { ...useFieldErrors(clash ? null : error), ...local };
    function onSubmit(e, allowOverlap = false) {
        e.preventDefault();
        const r = toBody(v, { required: t('common.required'), endBeforeStart: t('form.endBeforeStart'), badMoney: t('form.badMoney') });
        void run(r, (body) => save(allowOverlap ? { ...body, allow_overlap: true } : body));
    }
    return (_jsxs("form", { onSubmit: onSubmit, noValidate: true, className: "activity-form", children: [_jsxs("div", { className: "form-grid", children: [_jsx(TextField, { className: "span-all", label: t('activity.title'), required: true, value: v.title, onChange: (e) => set('title', e.target.value), error: fe.title }), _jsx(TextAreaField, { className: "span-all", label: t('activity.description'), value: v.description, onChange: (e) => set('description', e.target.value), error: fe.description }), _jsxs("fieldset", { className: "span-all field plain-language", children: [_jsx("legend", { children: t('activity.plain') }), _jsx("p", { className: "field-help", children: t('activity.plainHelp') }), _jsx(TextAreaField, { label: t('activity.plainFi'), lang: "fi", maxLength: 2000, value: v.plain_fi, onChange: (e) => set('plain_fi', e.target.value), error: fe['plain_language.fi'] ?? fe.plain_language }), _jsx(TextAreaField, { label: t('activity.plainSv'), lang: "sv", maxLength: 2000, value: v.plain_sv, onChange: (e) => set('plain_sv', e.target.value), error: fe['plain_language.sv'] })] }), _jsx(SelectField, { label: t('activity.category'), value: v.category, onChange: (e) => set('category', e.target.value), options: enumOptions(ACTIVITY_CATEGORIES, tk, 'cat'), error: fe.category }), _jsx(SelectField, { label: t('activity.status'), value: v.status, onChange: (e) => set('status', e.target.value), options: enumOptions(statuses, tk, 'status'), error: fe.status }), _jsx(DateField, { label: t('activity.day'), required: true, value: v.day, onChange: (d) => set('day', d), error: fe.starts_at }), _jsx(TextField, { label: t('activity.startTime'), type: "time", required: true, value: v.start, onChange: (e) => set('start', e.target.value) }), _jsx(TextField, { label: t('activity.endTime'), type: "time", required: true, value: v.end, onChange: (e) => set('end', e.target.value), error: fe.ends_at })] }), clash && (_jsxs(Alert, { kind: "warning", title: t('activity.clash'), children: [_jsx("p", { children: t('activity.clashText') }), clash.problem.detail && _jsx("p", { children: clash.problem.detail }), _jsx(ClashList, { problem: clash.problem }), _jsx(Button, { variant: "secondary", busy: busy, onClick: (e) => void onSubmit(e, true), children: t('activity.saveAnyway') })] })), _jsx(RecurrenceEditor, { start: v.day, value: v.rec, onChange: (r) => set('rec', r), excluded: v.excluded, onExcludedChange: (d) => set('excluded', d), error: fe.recurrence, excludedError: fe.exdates }), _jsx(CheckboxGroup, { legend: t('activity.units'), options: options(unitChoices), value: v.unit_ids, onChange: (x) => set('unit_ids', x), error: fe.unit_ids }), _jsx(CheckboxGroup, { legend: t('activity.partners'), options: options(partners.data), value: v.partner_ids, onChange: (x) => set('partner_ids', x), error: fe.partner_ids }), _jsx(CheckboxGroup, { legend: t('activity.targetGroups'), options: enumOptions(TARGET_GROUPS, tk, 'tg'), value: v.target_groups, onChange: (x) => set('target_groups', x), error: fe.target_groups }), _jsxs("div", { className: "form-grid", children: [_jsx(SelectField, { label: t('activity.series'), value: v.series_id, onChange: (e) => set('series_id', e.target.value), options: options(series.data), empty: t('common.none'), error: fe.series_id }), _jsx(SelectField, { label: t('activity.visibility'), value: v.visibility, onChange: (e) => set('visibility', e.target.value), options: enumOptions(VISIBILITIES, tk, 'vis'), error: fe.visibility }), _jsx(TextField, { label: t('activity.capacity'), type: "number", min: 0, value: v.capacity, onChange: (e) => set('capacity', e.target.value), error: fe.capacity }), _jsx(TextField, { label: t('activity.costEstimate'), inputMode: "decimal", value: v.cost, onChange: (e) => set('cost', e.target.value), error: fe.cost_estimate_cents }), _jsx(TextAreaField, { className: "span-all", label: t('activity.accessibility'), value: v.accessibility, onChange: (e) => set('accessibility', e.target.value), error: fe.accessibility })] }), Object.keys(local).length > 0 && _jsx(Alert, { kind: "error", children: t('problem.validation') }), !clash && _jsx(ErrorAlert, { error: error, shownFields: SHOWN }), error instanceof ApiError && error.status === 412 && onReload && (_jsx(Button, { variant: "secondary", onClick: onReload, children: t('action.reload') })), _jsxs("div", { className: "form-actions", children: [_jsx(Button, { type: "submit", size: "large", busy: busy, children: busy ? t('action.saving') : t('action.save') }), onCancel && (_jsx(Button, { variant: "secondary", size: "large", onClick: onCancel, children: t('action.cancel') }))] })] }));
}
/** ClashList lists the clashing activities a 409 problem names, if any. */
export function ClashList({ problem }) {
    const { dateTime } = useI18n();
    const raw = (problem.clashes ?? problem.clash ?? []);
    const list = (Array.isArray(raw) ? raw : [raw]).filter((x) => x && typeof x === 'object');
    if (!list.length)
        return null;
    return (_jsx("ul", { children: list.map((c, i) => (_jsxs("li", { children: [_jsx("strong", { children: String(c.title ?? c.activity_title ?? '') }), " ", dateTime(c.starts_at), "\u2013", dateTime(c.ends_at).split(' ').at(-1)] }, i))) }));
}
