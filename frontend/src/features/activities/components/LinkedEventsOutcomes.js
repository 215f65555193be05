import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useI18n } from '@/lib/i18n/i18n';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Loading } from '@/components/ui/misc';
import { useActivityPushOutcomes } from '../api/linkedEvents';
const order = { refused: 0, held_back: 1, removed: 2, pushed: 3 };
const tones = { pushed: 'good', refused: 'bad', held_back: 'warn', removed: 'neutral' };
/**
 * LinkedEventsOutcomes shows, on a public activity's page, what became of its events in the pushes to
 * Linked Events: how many are published, and each one held back or refused with the reason.
 */
export function LinkedEventsOutcomes({ activityId }) {
    const i = useI18n();
    const { t, tk } = i;
    const q = useActivityPushOutcomes(activityId, true);
    if (q.isLoading)
        return _jsx(Loading, {});
    if (q.error)
        return _jsx(ErrorAlert, { error: q.error, onRetry: () => q.refetch() });
    const items = q.data?.items ?? [];
    const count = (o) => items.filter((x) => x.outcome === o).length;
    const notices = items.filter((x) => x.outcome !== 'pushed').sort((a, b) => order[a.outcome] - order[b.outcome]);
    return (_jsxs("section", { className: "card", "aria-labelledby": "le-title", "data-testid": "linked-events-outcomes", children: [_jsx("h2", { id: "le-title", children: t('le.title') }), !items.length ? (_jsx("p", { className: "muted", children: t('le.none') })) : (_jsxs(_Fragment, { children: [_jsx("p", { children: t('le.summary', { pushed: count('pushed'), held: count('held_back'), refused: count('refused'), removed: count('removed') }) }), count('refused') > 0 && _jsx("p", { className: "muted small", children: t('le.retryHelp') }), notices.length > 0 && (_jsx("div", { className: "table-wrap", children: _jsxs("table", { className: "table", children: [_jsx("thead", { children: _jsxs("tr", { children: [_jsx("th", { scope: "col", children: t('le.event') }), _jsx("th", { scope: "col", children: t('common.date') }), _jsx("th", { scope: "col", children: t('common.status') }), _jsx("th", { scope: "col", children: t('le.reason') })] }) }), _jsx("tbody", { children: notices.map((o) => (_jsxs("tr", { children: [_jsxs("td", { children: [o.name, " ", _jsxs("span", { className: "muted small", children: ["(", tk('le.kind', o.kind), ")"] })] }), _jsx("td", { className: "nowrap", children: o.starts_at ? i.dateTime(o.starts_at) : t('common.none') }), _jsx("td", { children: _jsx(Badge, { tone: tones[o.outcome], children: tk('le.outcome', o.outcome) }) }), _jsx("td", { children: o.reason || t('common.none') })] }, o.id))) })] }) }))] }))] }));
}
