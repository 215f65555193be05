import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { Link, useLocation, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { nameOf, usePartners, useSeries, useUnits } from '@/lib/api/lookups';
import { addMonths, addDays, today } from '@/lib/i18n/dates';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Badge, Loading, PageHeader } from '@/components/ui/misc';
import { useActivity, useOccurrences } from '../api/activities';
import { useOverrides } from '../api/overrides';
import { describeRule } from '../recurrenceText';
import { OccurrenceList } from './OccurrenceList';
import { LinkedEventsOutcomes } from './LinkedEventsOutcomes';
/** ActivityPage shows an activity, its coming occurrences and its actions. */
export function ActivityPage() {
    const { id } = useParams();
    const loc = useLocation();
    const i = useI18n();
    const { t, tk } = i;
    const { role } = useAuth();
    const q = useActivity(id);
    const units = useUnits();
    const partners = usePartners();
    const series = useSeries();
    const from = addDays(today(), -60);
    const occ = useOccurrences(id, from, addMonths(today(), 6));
    const overrides = useOverrides(id, !!q.data?.recurrence);
    if (q.isLoading)
        return _jsx(Loading, {});
    if (q.error)
        return _jsx(ErrorAlert, { error: q.error, onRetry: () => q.refetch() });
    const a = q.data;
    const items = occ.data?.items ?? [];
    const canEdit = role === 'producer' || role === 'admin' || role === 'mentor';
    return (_jsxs(_Fragment, { children: [_jsxs(PageHeader, { title: a.title, children: [canEdit && (_jsx(Link, { className: "btn btn-secondary", to: `/activities/${id}/edit`, children: t('action.edit') })), canEdit && (_jsx(Link, { className: "btn btn-primary", to: `/activities/${id}/attendance`, children: t('att.title') }))] }), loc.state?.saved && _jsx(Alert, { kind: "success", children: t('activity.created') }), _jsxs("div", { className: "card", children: [_jsxs("dl", { className: "facts", children: [_jsx("dt", { children: t('activity.status') }), _jsx("dd", { children: _jsx(Badge, { tone: a.status === 'cancelled' ? 'bad' : a.status === 'confirmed' ? 'good' : 'info', children: tk('status', a.status) }) }), _jsx("dt", { children: t('activity.category') }), _jsx("dd", { children: tk('cat', a.category) }), _jsx("dt", { children: t('activity.startsAt') }), _jsxs("dd", { children: [i.dateLong(a.starts_at), " ", i.time(a.starts_at), "\u2013", i.time(a.ends_at)] }), !!a.recurrence && (_jsxs(_Fragment, { children: [_jsx("dt", { children: t('rec.title') }), _jsx("dd", { "data-testid": "recurrence-text", children: describeRule(a.recurrence, a.starts_at, i) })] })), !!a.recurrence && (a.exdates ?? []).length > 0 && (_jsxs(_Fragment, { children: [_jsx("dt", { children: t('rec.excluded') }), _jsx("dd", { children: _jsx("ul", { className: "plain-list", children: (a.exdates ?? []).map((d) => (_jsx("li", { children: i.dateLong(d) }, d))) }) })] })), !!a.recurrence && (overrides.data?.items ?? []).length > 0 && (_jsxs(_Fragment, { children: [_jsx("dt", { children: t('occ.changed') }), _jsx("dd", { children: _jsx("ul", { className: "plain-list", "data-testid": "changed-occurrences", children: [...(overrides.data?.items ?? [])]
                                                .sort((x, y) => x.original_start.localeCompare(y.original_start))
                                                .map((o) => (_jsxs("li", { children: [o.cancelled
                                                        ? t('occ.cancelledOn', { when: `${i.dateLong(o.original_start)} ${i.time(o.original_start)}` })
                                                        : t('occ.movedTo', {
                                                            from: `${i.dateLong(o.original_start)} ${i.time(o.original_start)}`,
                                                            to: `${i.dateLong(o.starts_at)} ${i.time(o.starts_at)}–${i.time(o.ends_at)}`,
                                                        }), o.note && _jsxs("span", { className: "muted", children: [" \u00B7 ", o.note] })] }, o.id))) }) })] })), _jsx("dt", { children: t('activity.units') }), _jsx("dd", { children: ((a.unit_ids) ?? []).map((u) => nameOf(units.data, u)).join(', ') || t('common.none') }), _jsx("dt", { children: t('activity.partners') }), _jsx("dd", { children: ((a.partner_ids) ?? []).map((u) => nameOf(partners.data, u)).join(', ') || t('common.none') }), !!a.series_id && (_jsxs(_Fragment, { children: [_jsx("dt", { children: t('activity.series') }), _jsx("dd", { children: nameOf(series.data, a.series_id) })] })), _jsx("dt", { children: t('activity.targetGroups') }), _jsx("dd", { children: ((a.target_groups) ?? []).map((g) => tk('tg', g)).join(', ') || t('common.none') }), _jsx("dt", { children: t('activity.visibility') }), _jsx("dd", { children: tk('vis', a.visibility) }), _jsx("dt", { children: t('activity.capacity') }), _jsx("dd", { children: a.capacity != null ? t('activity.capacityN', { n: a.capacity }) : t('activity.capacityNone') }), a.cost_estimate_cents != null && (_jsxs(_Fragment, { children: [_jsx("dt", { children: t('activity.costEstimate') }), _jsx("dd", { children: i.money(a.cost_estimate_cents) })] }))] }), !!(a.plain_language?.fi || a.plain_language?.sv) && (_jsxs("section", { className: "plain-language-view", "aria-label": t('activity.plain'), children: [!!a.plain_language.fi && (_jsxs("p", { lang: "fi", children: [_jsxs("strong", { children: [t('activity.plainFi'), ":"] }), " ", a.plain_language.fi] })), !!a.plain_language.sv && (_jsxs("p", { lang: "sv", children: [_jsxs("strong", { children: [t('activity.plainSv'), ":"] }), " ", a.plain_language.sv] }))] })), !!a.description && _jsx("p", { children: a.description }), !!a.accessibility && (_jsxs("p", { children: [_jsxs("strong", { children: [t('activity.accessibility'), ":"] }), " ", a.accessibility] }))] }), a.visibility === 'public' && (role === 'producer' || role === 'admin') && _jsx(LinkedEventsOutcomes, { activityId: id }), _jsx("h2", { children: t('activity.occurrences') }), occ.isLoading ? (_jsx(Loading, {})) : occ.error ? (_jsx(ErrorAlert, { error: occ.error })) : (_jsx(OccurrenceList, { activityId: id, items: items.slice(0, 30), recurring: !!a.recurrence, canEdit: role === 'producer' || role === 'admin' || role === 'mentor', canAttend: canEdit }))] }));
}
