import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { nameOf, useUnits } from '@/lib/api/lookups';
import { today } from '@/lib/i18n/dates';
import { InlineForm } from '@/components/crud/InlineForm';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Loaded, Loading, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { addTraining, deleteTraining, parseHours, useMentor, useTrainingChange, useTrainings } from '../api/mentors';
/** MentorPage shows a mentor and their trainings, and records a new one. */
export function MentorPage() {
    const { id } = useParams();
    const i = useI18n();
    const { t } = i;
    const { role } = useAuth();
    const units = useUnits();
    const q = useMentor(id);
    const trainings = useTrainings(id);
    const add = useTrainingChange(id ?? '', addTraining);
    const del = useTrainingChange(id ?? '', deleteTraining);
    if (q.isLoading)
        return _jsx(Loading, {});
    if (q.error)
        return _jsx(ErrorAlert, { error: q.error, onRetry: () => q.refetch() });
    const m = q.data;
    // Admins, the producer and mentors of the mentor's units record trainings (the API decides).
    const canRecord = role === 'admin' || role === 'producer' || role === 'mentor';
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: m.name }), _jsx("div", { className: "card", children: _jsxs("dl", { className: "facts", children: [_jsx("dt", { children: t('mentor.jobTitle') }), _jsx("dd", { children: m.title || t('common.none') }), _jsx("dt", { children: t('common.email') }), _jsx("dd", { children: m.email ? _jsx("a", { href: `mailto:${m.email}`, children: m.email }) : t('common.none') }), _jsx("dt", { children: t('common.phone') }), _jsx("dd", { children: m.phone || t('common.none') }), _jsx("dt", { children: t('mentor.units') }), _jsx("dd", { children: (m.unit_ids ?? []).map((u) => nameOf(units.data, u)).join(', ') || t('common.none') }), _jsx("dt", { children: t('mentor.since') }), _jsx("dd", { children: m.since ? i.date(m.since) : t('common.none') }), _jsx("dt", { children: t('common.status') }), _jsx("dd", { children: m.active ? _jsx(Badge, { tone: "good", children: t('common.active') }) : _jsx(Badge, { children: t('mentor.inactive') }) })] }) }), _jsxs("section", { "aria-labelledby": "trainings-h", children: [_jsx("h2", { id: "trainings-h", children: t('mentor.trainings') }), _jsx(ErrorAlert, { error: del.error }), _jsx(Loaded, { q: trainings, isEmpty: (d) => !d.items.length, empty: t('mentor.noTrainings'), children: (d) => (_jsx(DataTable, { caption: t('mentor.trainings'), rows: d.items, rowKey: (x) => x.id, columns: [
                                { label: t('training.completedOn'), render: (x) => i.date(x.completed_on), nowrap: true },
                                { label: t('training.course'), render: (x) => x.course },
                                { label: t('training.provider'), render: (x) => x.provider },
                                { label: t('mentor.hours'), render: (x) => i.number(x.hours, 1), num: true },
                                ...(canRecord
                                    ? [
                                        {
                                            label: t('common.actions'),
                                            render: (x) => (_jsx(Button, { size: "small", variant: "danger", "aria-label": `${t('action.delete')}: ${x.course}`, onClick: () => window.confirm(t('action.confirmDelete')) && del.mutate(x), children: t('action.delete') })),
                                        },
                                    ]
                                    : []),
                            ], footer: _jsxs("tr", { children: [_jsx("th", { scope: "row", colSpan: 3, children: t('common.total') }), _jsx("td", { className: "num", children: i.number(d.items.reduce((a, x) => a + x.hours, 0), 1) }), canRecord && _jsx("td", {})] }) })) }), canRecord && (_jsx(InlineForm, { title: t('training.add'), fields: [
                            { name: 'course', label: t('training.course'), required: true },
                            { name: 'provider', label: t('training.provider') },
                            { name: 'completed_on', label: t('training.completedOn'), kind: 'date', required: true },
                            { name: 'hours', label: t('mentor.hours'), required: true },
                        ], initial: { completed_on: today() }, toBody: (v) => ({
                            course: v.course,
                            provider: v.provider,
                            completed_on: v.completed_on,
                            // An unreadable number is sent as 0 so the API explains it next to the field.
                            hours: parseHours(v.hours) ?? 0,
                        }), submit: (b) => add.mutateAsync(b) }))] })] }));
}
