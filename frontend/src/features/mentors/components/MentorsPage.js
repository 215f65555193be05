import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { nameOf, options, useUnits } from '@/lib/api/lookups';
import { CrudPage, bool, list, str, strOrNull } from '@/components/crud/CrudPage';
import { SelectField } from '@/components/ui/Field';
import { Badge, Loaded } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { createMentor, deleteMentor, getMentors, updateMentor, useMentorSummary } from '../api/mentors';
const toBody = (v) => ({
    name: str(v, 'name'),
    email: str(v, 'email'),
    phone: str(v, 'phone'),
    title: str(v, 'title'),
    unit_ids: list(v, 'unit_ids'),
    since: strOrNull(v, 'since'),
    active: bool(v, 'active'),
});
/**
 * MentorsPage lists the culture mentors (admins and the producer name and
 * edit them; managers read them; a mentor sees the mentors of their own
 * units, as the API allows) and the training figures per unit.
 */
export function MentorsPage() {
    const i = useI18n();
    const { t } = i;
    const { role } = useAuth();
    const units = useUnits();
    const [unitId, setUnitId] = useState('');
    const canEdit = role === 'admin' || role === 'producer';
    return (_jsxs(_Fragment, { children: [_jsx(CrudPage, { title: t('mentor.title'), newLabel: t('mentor.new'), cacheKey: "mentors", listKey: unitId, list: (page) => getMentors({ ...page, ...(unitId ? { unit_id: unitId } : {}) }), create: canEdit ? { send: createMentor, body: toBody } : undefined, update: canEdit ? { send: updateMentor, body: toBody } : undefined, remove: role === 'admin' ? { send: deleteMentor } : undefined, filters: _jsx("div", { className: "filters", children: _jsx(SelectField, { label: t('calendar.unit'), value: unitId, onChange: (e) => setUnitId(e.target.value), options: options(units.data), empty: t('common.all') }) }), fields: [
                    { name: 'name', label: t('common.name'), required: true },
                    { name: 'title', label: t('mentor.jobTitle') },
                    { name: 'email', label: t('common.email'), kind: 'email' },
                    { name: 'phone', label: t('common.phone') },
                    { name: 'unit_ids', label: t('mentor.units'), kind: 'multi', options: options(units.data) },
                    { name: 'since', label: t('mentor.since'), kind: 'date' },
                    { name: 'active', label: t('common.active'), kind: 'checkbox' },
                ], columns: [
                    { label: t('common.name'), render: (m) => _jsx(Link, { to: `/mentors/${m.id}`, children: m.name }) },
                    { label: t('mentor.jobTitle'), render: (m) => m.title },
                    { label: t('mentor.units'), render: (m) => (m.unit_ids ?? []).map((u) => nameOf(units.data, u)).join(', ') },
                    { label: t('mentor.since'), render: (m) => i.date(m.since) },
                    { label: t('common.status'), render: (m) => (m.active ? _jsx(Badge, { tone: "good", children: t('common.active') }) : _jsx(Badge, { children: t('mentor.inactive') })) },
                ] }), _jsx(Summary, {})] }));
}
function Summary() {
    const i = useI18n();
    const { t } = i;
    const thisYear = new Date().getFullYear();
    const [year, setYear] = useState(thisYear);
    const q = useMentorSummary(year);
    return (_jsxs("section", { "aria-labelledby": "mentor-summary-h", children: [_jsx("h2", { id: "mentor-summary-h", children: t('mentor.summary') }), _jsx("div", { className: "filters", children: _jsx(SelectField, { label: t('mentor.year'), value: String(year), onChange: (e) => setYear(Number(e.target.value)), options: [0, 1, 2, 3].map((d) => ({ value: String(thisYear - d), label: String(thisYear - d) })) }) }), _jsx(Loaded, { q: q, isEmpty: (d) => !d.units.length, children: (d) => (_jsx(DataTable, { caption: t('mentor.summary'), rows: d.units, rowKey: (r) => r.unit_id, rowClass: (r) => (r.mentors === 0 ? 'row-warn' : undefined), columns: [
                        {
                            label: t('calendar.unit'),
                            render: (r) => (_jsxs(_Fragment, { children: [r.unit_name, " ", r.mentors === 0 && _jsx(Badge, { tone: "warn", children: t('mentor.noMentor') })] })),
                        },
                        { label: t('mentor.count'), render: (r) => r.mentors, num: true },
                        { label: t('mentor.trained'), render: (r) => r.trained_mentors, num: true },
                        { label: t('mentor.trainings'), render: (r) => r.trainings, num: true },
                        { label: t('mentor.hours'), render: (r) => i.number(r.training_hours, 1), num: true },
                    ] })) })] }));
}
