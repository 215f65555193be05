import { jsx as _jsx } from "react/jsx-runtime";
import { Alert } from '@/components/ui/Alert';
function describe(i, items, depName) {
    return items.map((a) => i.t('withdraw.item', { month: i.monthYear(a.month + '-01'), who: `${depName(a.department_id)} (${a.user_name})` })).join('; ');
}
/** withdrawWarning is the question before a change that would withdraw approvals, or null when none would fall. */
export function withdrawWarning(i, atStake, depName) {
    const items = atStake.flatMap((m) => (m.approvals ?? []).map((a) => ({ month: m.month, department_id: a.department_id, user_name: a.user_name })));
    if (!items.length)
        return null;
    return i.t(items.length === 1 ? 'withdraw.confirmOne' : 'withdraw.confirm', { n: items.length, list: describe(i, items, depName) });
}
/** withdrawnReport is the notice after a change that withdrew approvals, or null when none fell. */
export function withdrawnReport(i, answer, depName) {
    const list = answer?.withdrawn_approvals ?? [];
    if (!list.length)
        return null;
    return _jsx(Alert, { kind: "warning", children: i.t(list.length === 1 ? 'withdraw.doneOne' : 'withdraw.done', { n: list.length, list: describe(i, list, depName) }) });
}
