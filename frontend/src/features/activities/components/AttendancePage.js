import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { addDays, dayOf, today } from '@/lib/i18n/dates';
import { SelectField, TextAreaField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { DataTable } from '@/components/ui/DataTable';
import { Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useActivity, useAttendance, useOccurrences, useRecordAttendance } from '../api/activities';
import { attendable, sameInstant } from '../occurrences';
const COUNTS = ['residents', 'staff', 'volunteers', 'relatives'];
const SHOWN = ['occurrence_start', ...COUNTS, 'feedback', 'notes'];
/**
 * AttendancePage records who took part in one occurrence. It is made for a
 * tablet in a care home: big counters with plus and minus, big feedback
 * buttons, and nothing typed is lost when saving fails. It offers only the
 * occurrences that can take attendance (started, not cancelled); choosing
 * one shows what was recorded for it, or an empty form.
 */
export function AttendancePage() {
    const { id = '' } = useParams();
    const [params, setParams] = useSearchParams();
    const i = useI18n();
    const { t } = i;
    const activity = useActivity(id);
    // The API expands at most a year: from the activity's first day (or a year back) to tomorrow.
    const first = activity.data ? dayOf(activity.data.starts_at) : '';
    const from = first && first > addDays(today(), -365) ? first : addDays(today(), -365);
    const occ = useOccurrences(activity.data ? id : undefined, from, addDays(today(), 1));
    const recorded = useAttendance(id);
    const now = new Date();
    const occurrences = (occ.data?.items ?? []).filter((o) => attendable(o, now)).reverse();
    const records = recorded.data?.items ?? [];
    const asked = params.get('occurrence');
    const chosen = occurrences.find((o) => sameInstant(o.original_start, asked)) ?? occurrences[0];
    if (activity.isLoading || occ.isLoading || recorded.isLoading)
        return _jsx(Loading, {});
    if (activity.error)
        return _jsx(ErrorAlert, { error: activity.error });
    const a = activity.data;
    const record = chosen && records.find((r) => sameInstant(r.occurrence_start, chosen.original_start));
    return (_jsxs("div", { className: "attendance", children: [_jsx(PageHeader, { title: t('att.title'), children: _jsx(Link, { to: `/activities/${id}`, children: a.title }) }), _jsx(ErrorAlert, { error: occ.error ?? recorded.error }), !chosen ? (_jsx(Empty, { children: t('att.noneToRecord') })) : (_jsxs(_Fragment, { children: [_jsx(SelectField, { label: t('att.occurrence'), value: chosen.original_start, onChange: (e) => setParams({ occurrence: e.target.value }, { replace: true }), options: occurrences.map((o) => ({ value: o.original_start, label: `${i.dateLong(o.starts_at)} ${i.time(o.starts_at)}` })), help: record ? t('att.hasRecord') : t('att.noRecord') }), _jsx(AttendanceForm, { activityId: id, occurrence: chosen, record: record }, chosen.original_start)] })), _jsx("h2", { children: t('att.recorded') }), records.length === 0 ? (_jsx("p", { className: "muted", children: t('att.none') })) : (_jsx(DataTable, { caption: t('att.recorded'), rows: records, rowKey: (r) => r.id, columns: [
                    { label: t('att.occurrence'), render: (r) => i.dateTime(r.occurrence_start), nowrap: true },
                    ...COUNTS.map((k) => ({ key: k, label: t(`att.${k}`), render: (r) => r[k], num: true })),
                    { label: t('att.feedback'), render: (r) => r.feedback ?? '', num: true },
                ] }))] }));
}
function AttendanceForm({ activityId, occurrence, record }) {
    const i = useI18n();
    const { t } = i;
    const save = useRecordAttendance(activityId);
    const fe = useFieldErrors(save.error);
    const [counts, setCounts] = useState(() => ({
        residents: record?.residents ?? 0,
        staff: record?.staff ?? 0,
        volunteers: record?.volunteers ?? 0,
        relatives: record?.relatives ?? 0,
    }));
    const [feedback, setFeedback] = useState(record?.feedback ?? null);
    const [notes, setNotes] = useState(record?.notes ?? '');
    const [saved, setSaved] = useState(false);
    async function onSubmit(e) {
        e.preventDefault();
        setSaved(false);
        try {
            await save.mutateAsync({ body: { occurrence_start: occurrence.original_start, ...counts, feedback, notes }, existing: record });
            setSaved(true);
        }
        catch {
            /* shown below; the values stay */
        }
    }
    const set = (k, n) => {
        setSaved(false);
        setCounts((c) => ({ ...c, [k]: Math.max(0, n) }));
    };
    return (_jsxs("form", { onSubmit: onSubmit, noValidate: true, "aria-label": t('att.formFor', { when: `${i.dateLong(occurrence.starts_at)} ${i.time(occurrence.starts_at)}` }), children: [fe.occurrence_start && (_jsx("p", { className: "field-error", role: "alert", children: fe.occurrence_start })), COUNTS.map((k) => {
                const label = t(`att.${k}`);
                const inputId = `count-${k}`;
                return (_jsxs("div", { className: "counter", children: [_jsx("label", { className: "counter-label", htmlFor: inputId, children: label }), _jsx(Button, { variant: "secondary", "aria-label": t('att.decrease', { what: label }), onClick: () => set(k, counts[k] - 1), disabled: counts[k] === 0, children: "\u2212" }), _jsx("input", { id: inputId, type: "number", inputMode: "numeric", min: 0, value: String(counts[k]), "aria-invalid": fe[k] ? true : undefined, "aria-describedby": fe[k] ? `${inputId}-err` : undefined, onChange: (e) => set(k, parseInt(e.target.value || '0', 10) || 0) }), _jsx(Button, { variant: "secondary", "aria-label": t('att.increase', { what: label }), onClick: () => set(k, counts[k] + 1), children: "+" }), fe[k] && (_jsx("p", { className: "field-error", id: `${inputId}-err`, style: { gridColumn: '1 / -1' }, children: fe[k] }))] }, k));
            }), _jsxs("fieldset", { className: "field", style: { marginTop: '1rem' }, children: [_jsx("legend", { children: t('att.feedback') }), _jsx("div", { className: "stars", children: [1, 2, 3, 4, 5].map((n) => (_jsxs("label", { children: [_jsx("input", { type: "radio", name: "feedback", value: n, checked: feedback === n, onChange: () => setFeedback(n), "aria-label": t('att.feedbackN', { n }) }), n] }, n))) }), fe.feedback && _jsx("p", { className: "field-error", children: fe.feedback })] }), _jsx(TextAreaField, { label: t('att.notes'), value: notes, onChange: (e) => setNotes(e.target.value), error: fe.notes }), _jsx(ErrorAlert, { error: save.error, shownFields: SHOWN }), saved && _jsx(Alert, { kind: "success", children: t('att.saved') }), _jsx(Button, { type: "submit", size: "large", className: "btn-block", busy: save.isPending, children: save.isPending ? t('action.saving') : t('action.save') })] }));
}
