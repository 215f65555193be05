import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
// The occurrence list of an activity's page: each occurrence of a recurring
// activity can be moved or cancelled on its own, and a moved or cancelled one
// restored. A clash with a confirmed activity is shown in the row with
// "save anyway", as in the activity form.
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { dayOf, timeOf, zonedIso } from '@/lib/i18n/dates';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { Button } from '@/components/ui/Button';
import { DateField } from '@/components/ui/DateField';
import { TextField } from '@/components/ui/Field';
import { Badge, Empty } from '@/components/ui/misc';
import { useChangeOccurrence, useOverrides } from '../api/overrides';
import { ClashList } from './ActivityForm';
/** OccurrenceList lists an activity's occurrences with their actions. */
export function OccurrenceList({ activityId, items, recurring, canEdit, canAttend }) {
    const { t } = useI18n();
    const manage = canEdit && recurring;
    const overrides = useOverrides(activityId, manage);
    const versionOf = (id) => (overrides.data?.items ?? []).find((o) => o.id === id)?.version;
    const [open, setOpen] = useState(null);
    const [done, setDone] = useState('');
    if (!items.length)
        return _jsx(Empty, { children: t('occ.none') });
    return (_jsxs(_Fragment, { children: [done && _jsx(Alert, { kind: "success", children: done }), _jsx("ul", { className: "occurrences", "data-testid": "occurrences", children: items.map((o) => (_jsx(OccurrenceRow, { activityId: activityId, o: o, manage: manage, canAttend: canAttend, version: versionOf(o.override_id), mode: open?.key === o.original_start ? open.mode : null, setMode: (mode) => {
                        setDone('');
                        setOpen(mode ? { key: o.original_start, mode } : null);
                    }, onDone: (msg) => {
                        setOpen(null);
                        setDone(msg);
                    } }, o.original_start + o.starts_at))) })] }));
}
function OccurrenceRow({ activityId, o, manage, canAttend, version, mode, setMode, onDone }) {
    const i = useI18n();
    const { t } = i;
    const change = useChangeOccurrence(activityId);
    const [day, setDay] = useState(dayOf(o.starts_at));
    const [start, setStart] = useState(timeOf(o.starts_at));
    const [end, setEnd] = useState(timeOf(o.ends_at));
    const [note, setNote] = useState(o.note ?? '');
    const [local, setLocal] = useState({});
    const label = `${i.dateLong(o.starts_at)} ${i.time(o.starts_at)}`;
    const err = change.error;
    const clash = err instanceof ApiError && err.status === 409 && err.problem.clash ? err : null;
    const fe = useFieldErrors(clash ? null : err);
    function open(m) {
        change.reset();
        setLocal({});
        setMode(m);
    }
    async function run(c, message) {
        try {
            await change.mutateAsync(c);
            onDone(message);
        }
        catch {
            /* shown in the row */
        }
    }
    function move(e, allowOverlap = false) {
        e.preventDefault();
        const errs = {};
        if (!day)
            errs.day = t('common.required');
        if (!start)
            errs.start = t('common.required');
        if (!end)
            errs.end = t('common.required');
        else if (start && end <= start)
            errs.end = t('form.endBeforeStart');
        setLocal(errs);
        if (Object.keys(errs).length)
            return;
        const times = { starts_at: zonedIso(day, start), ends_at: zonedIso(day, end), ...(allowOverlap ? { allow_overlap: true } : {}) };
        const msg = t('occ.moved', { when: `${i.dateLong(times.starts_at)} ${start}` });
        void run(o.override_id
            ? { kind: 'update', overrideId: o.override_id, version, body: { ...times, cancelled: false } }
            : { kind: 'create', body: { original_start: o.original_start, ...times } }, msg);
    }
    function cancel(e) {
        e.preventDefault();
        const body = { cancelled: true, ...(note.trim() ? { note: note.trim() } : {}) };
        void run(o.override_id ? { kind: 'update', overrideId: o.override_id, version, body } : { kind: 'create', body: { original_start: o.original_start, ...body } }, t('occ.cancelledDone', { when: label }));
    }
    function restore(allowOverlap = false) {
        if (!o.override_id)
            return;
        void run({ kind: 'restore', overrideId: o.override_id, version, allowOverlap }, t('occ.restored', { when: `${i.dateLong(o.original_start)} ${i.time(o.original_start)}` }));
    }
    return (_jsxs("li", { className: `occurrence ${o.cancelled ? 'occurrence-cancelled' : ''}`, children: [_jsxs("div", { className: "occurrence-line", children: [_jsxs("span", { className: "occurrence-when", children: [o.cancelled ? _jsx("s", { children: label }) : label, "\u2013", i.time(o.ends_at)] }), o.cancelled && _jsx(Badge, { tone: "bad", children: t('occ.cancelled') }), o.moved && !o.cancelled && _jsx(Badge, { tone: "warn", children: t('occ.movedFrom', { when: `${i.date(o.original_start)} ${i.time(o.original_start)}` }) }), o.note && _jsx("span", { className: "muted small", children: o.note }), _jsxs("span", { className: "occurrence-actions", children: [canAttend && !o.cancelled && (_jsx(Link, { to: `/activities/${activityId}/attendance?occurrence=${encodeURIComponent(o.original_start ?? o.starts_at)}`, children: t('att.title') })), manage && !o.cancelled && (_jsx(Button, { size: "small", variant: "secondary", "aria-expanded": mode === 'move', "aria-label": `${t('occ.move')}: ${label}`, onClick: () => open(mode === 'move' ? null : 'move'), children: t('occ.move') })), manage && !o.cancelled && (_jsx(Button, { size: "small", variant: "secondary", "aria-expanded": mode === 'cancel', "aria-label": `${t('occ.cancel')}: ${label}`, onClick: () => open(mode === 'cancel' ? null : 'cancel'), children: t('occ.cancel') })), manage && o.override_id && (_jsx(Button, { size: "small", variant: "secondary", busy: change.isPending && !mode, "aria-label": `${t('occ.restore')}: ${label}`, onClick: () => restore(), children: t('occ.restore') }))] })] }), mode === 'move' && (_jsxs("form", { className: "occurrence-form", onSubmit: (e) => move(e), noValidate: true, "aria-label": `${t('occ.move')}: ${label}`, children: [_jsxs("div", { className: "form-grid", children: [_jsx(DateField, { label: t('activity.day'), required: true, value: day, onChange: setDay, error: local.day ?? fe.starts_at }), _jsx(TextField, { label: t('activity.startTime'), type: "time", required: true, value: start, onChange: (e) => setStart(e.target.value), error: local.start }), _jsx(TextField, { label: t('activity.endTime'), type: "time", required: true, value: end, onChange: (e) => setEnd(e.target.value), error: local.end ?? fe.ends_at })] }), clash && _jsx(ClashAlert, { problem: clash.problem, busy: change.isPending, anyway: t('activity.saveAnyway'), onAnyway: (e) => move(e, true) }), !clash && _jsx(ErrorAlert, { error: err, shownFields: ['starts_at', 'ends_at'] }), _jsxs("div", { className: "form-actions", children: [_jsx(Button, { type: "submit", busy: change.isPending, children: t('occ.saveMove') }), _jsx(Button, { variant: "secondary", onClick: () => open(null), children: t('action.cancel') })] })] })), mode === 'cancel' && (_jsxs("form", { className: "occurrence-form", onSubmit: cancel, noValidate: true, "aria-label": `${t('occ.cancel')}: ${label}`, children: [_jsx(TextField, { label: t('occ.note'), value: note, onChange: (e) => setNote(e.target.value), help: t('occ.noteHelp'), error: fe.note }), _jsx(ErrorAlert, { error: err, shownFields: ['note'] }), _jsxs("div", { className: "form-actions", children: [_jsx(Button, { type: "submit", variant: "danger", busy: change.isPending, children: t('occ.confirmCancel') }), _jsx(Button, { variant: "secondary", onClick: () => open(null), children: t('occ.keep') })] })] })), !mode && clash && _jsx(ClashAlert, { problem: clash.problem, busy: change.isPending, anyway: t('occ.restoreAnyway'), onAnyway: () => restore(true) }), !mode && !clash && _jsx(ErrorAlert, { error: err })] }));
}
function ClashAlert({ problem, busy, anyway, onAnyway }) {
    const { t } = useI18n();
    return (_jsxs(Alert, { kind: "warning", title: t('activity.clash'), children: [_jsx("p", { children: t('activity.clashText') }), typeof problem.detail === 'string' && _jsx("p", { children: problem.detail }), _jsx(ClashList, { problem: problem }), _jsx(Button, { variant: "secondary", busy: busy, onClick: onAnyway, children: anyway })] }));
}
