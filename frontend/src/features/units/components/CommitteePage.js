import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { COMMITTEE_ROLES, enumOptions, oneOf } from '@/lib/api/enums';
import { today } from '@/lib/i18n/dates';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loaded, Loading, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { addMeeting, addMember, useCommittee, useCreate, useMeetings, useMembers, useResidents } from '../api/units';
import { InlineForm } from '@/components/crud/InlineForm';
/** CommitteePage shows a culture committee's members and meetings and adds to them. */
export function CommitteePage() {
    const { id: unitId = '', committeeId = '' } = useParams();
    const i = useI18n();
    const { t, tk } = i;
    const { role } = useAuth();
    const committee = useCommittee(committeeId);
    const members = useMembers(committeeId);
    const meetings = useMeetings(committeeId);
    const residents = useResidents(unitId);
    const newMember = useCreate((b) => addMember(committeeId, b), [['members', committeeId], ['residents']]);
    const newMeeting = useCreate((b) => addMeeting(committeeId, b), [['meetings', committeeId]]);
    const canEdit = role === 'mentor' || role === 'admin';
    if (committee.isLoading)
        return _jsx(Loading, {});
    if (committee.error)
        return _jsx(ErrorAlert, { error: committee.error });
    const c = committee.data;
    const residentOptions = (residents.data?.items ?? []).map((r) => {
        const x = r;
        return { value: x.id, label: x.display_name };
    });
    return (_jsxs(_Fragment, { children: [_jsxs(PageHeader, { title: c.name, children: [_jsx(Link, { to: `/units/${unitId}`, children: t('action.back') }), _jsx(Link, { className: "btn btn-secondary", to: `/ideas?committee_id=${committeeId}`, children: t('nav.ideas') })] }), _jsxs("div", { className: "grid-2", children: [_jsxs("section", { "aria-labelledby": "members-h", children: [_jsx("h2", { id: "members-h", children: t('committee.members') }), _jsx(Loaded, { q: members, isEmpty: (d) => !d.items.length, children: (d) => (_jsx(DataTable, { caption: t('committee.members'), rows: d.items, rowKey: (x) => x.id, columns: [
                                        { label: t('common.name'), render: (x) => x.display_name },
                                        { label: t('committee.role'), render: (x) => tk('cr', x.role) },
                                        { label: t('committee.joined'), render: (x) => i.date(x.joined_on) },
                                    ] })) }), canEdit && (_jsx(InlineForm, { title: t('committee.addMember'), fields: [
                                    { name: 'resident_id', label: t('committee.resident'), kind: 'select', options: residentOptions, empty: `${t('committee.newResident')} →` },
                                    { name: 'display_name', label: t('committee.memberName') },
                                    { name: 'role', label: t('committee.role'), kind: 'select', options: enumOptions(COMMITTEE_ROLES, tk, 'cr') },
                                    { name: 'joined_on', label: t('committee.joined'), kind: 'date' },
                                ], initial: { role: 'member', joined_on: today() }, toBody: (v) => ({
                                    ...(v.resident_id ? { resident_id: v.resident_id } : { display_name: v.display_name }),
                                    role: oneOf(COMMITTEE_ROLES, v.role) ?? 'member',
                                    joined_on: v.joined_on,
                                }), submit: (b) => newMember.mutateAsync(b) }))] }), _jsxs("section", { "aria-labelledby": "meetings-h", children: [_jsx("h2", { id: "meetings-h", children: t('committee.meetings') }), _jsx(Loaded, { q: meetings, isEmpty: (d) => !d.items.length, children: (d) => d.items.map((x) => (_jsxs("article", { className: "card", children: [_jsx("h3", { children: i.dateLong(x.held_on) }), ['agenda', 'minutes', 'decisions'].map((k) => x[k] && (_jsxs("p", { children: [_jsxs("strong", { children: [t(`meeting.${k}`), ":"] }), " ", x[k]] }, k)))] }, x.id))) }), canEdit && (_jsx(InlineForm, { title: t('meeting.new'), fields: [
                                    { name: 'held_on', label: t('meeting.heldOn'), kind: 'date', required: true },
                                    { name: 'agenda', label: t('meeting.agenda'), kind: 'textarea' },
                                    { name: 'minutes', label: t('meeting.minutes'), kind: 'textarea' },
                                    { name: 'decisions', label: t('meeting.decisions'), kind: 'textarea' },
                                ], toBody: (v) => ({ held_on: v.held_on, agenda: v.agenda, minutes: v.minutes, decisions: v.decisions }), submit: (b) => newMeeting.mutateAsync(b) }))] })] })] }));
}
