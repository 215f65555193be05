import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loaded, Loading, PageHeader } from '@/components/ui/misc';
import { createCommittee, createResident, useCreate, useResidents, useUnit, useUnitCommittees } from '../api/units';
import { InlineForm } from '@/components/crud/InlineForm';
import { ProgrammePanel } from './ProgrammePanel';
/** UnitPage shows a unit's culture committees and residents. */
export function UnitPage() {
    const { id = '' } = useParams();
    const i = useI18n();
    const { t, tk } = i;
    const { role } = useAuth();
    const unit = useUnit(id);
    const committees = useUnitCommittees(id);
    const residents = useResidents(id);
    const addCommittee = useCreate(createCommittee, [['committees'], ['lookup']]);
    const addResident = useCreate(createResident, [['residents']]);
    const canEdit = role === 'mentor' || role === 'admin';
    const canProfile = role === 'mentor' || role === 'admin';
    if (unit.isLoading)
        return _jsx(Loading, {});
    if (unit.error)
        return _jsx(ErrorAlert, { error: unit.error });
    const u = unit.data;
    return (_jsxs(_Fragment, { children: [_jsxs(PageHeader, { title: u.name, children: [_jsx(Link, { className: "btn btn-secondary", to: `/calendar?unit_id=${id}`, children: t('nav.calendar') }), _jsx(Link, { className: "btn btn-secondary", to: `/activities/new?unit_id=${id}`, children: t('activity.new') })] }), _jsxs("p", { className: "muted", children: [tk('uk', u.kind), " \u00B7 ", u.organisation, " \u00B7 ", u.municipality] }), _jsxs("div", { className: "grid-2", children: [_jsxs("section", { "aria-labelledby": "committees-h", children: [_jsx("h2", { id: "committees-h", children: t('unit.committees') }), _jsx(Loaded, { q: committees, isEmpty: (d) => !d.items.length, children: (d) => (_jsx("ul", { children: d.items.map((x) => (_jsxs("li", { children: [_jsx(Link, { to: `/units/${id}/committees/${x.id}`, children: x.name }), x.founded_on && _jsxs("span", { className: "muted", children: [" \u00B7 ", t('committee.founded'), " ", i.date(x.founded_on)] })] }, x.id))) })) }), canEdit && (_jsx(InlineForm, { title: t('committee.new'), fields: [
                                    { name: 'name', label: t('common.name'), required: true },
                                    { name: 'founded_on', label: t('committee.founded'), kind: 'date' },
                                ], toBody: (v) => ({ name: v.name, founded_on: v.founded_on || null, unit_id: id }), submit: (b) => addCommittee.mutateAsync(b) }))] }), _jsxs("section", { "aria-labelledby": "residents-h", children: [_jsx("h2", { id: "residents-h", children: t('unit.residents') }), _jsx(Loaded, { q: residents, isEmpty: (d) => !d.items.length, children: (d) => (_jsx("ul", { children: d.items.map((x) => (_jsxs("li", { children: [x.display_name, canProfile && (_jsxs(_Fragment, { children: [' ', "\u00B7 ", _jsx(Link, { to: `/units/${id}/residents/${x.id}/profile`, "aria-label": `${t('profile.open')}: ${x.display_name}`, children: t('profile.open') })] }))] }, x.id))) })) }), canEdit && (_jsx(InlineForm, { title: t('committee.newResident'), fields: [{ name: 'display_name', label: t('committee.memberName'), required: true }], toBody: (v) => ({ display_name: v.display_name, unit_id: id }), submit: (b) => addResident.mutateAsync(b) }))] })] }), _jsx(ProgrammePanel, { unit: u })] }));
}
