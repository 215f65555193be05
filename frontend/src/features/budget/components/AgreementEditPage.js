import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
import { useNavigate, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { today } from '@/lib/i18n/dates';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loading, PageHeader } from '@/components/ui/misc';
import { nameOf, useDepartments } from '@/lib/api/lookups';
import { openApprovals, useAgreement, useSaveAgreement } from '../api/budget';
import { emptyAgreement, fromAgreement } from '../agreementForm';
import { AgreementForm } from './AgreementForm';
import { withdrawWarning } from './withdrawals';
/** sharesKey is what decides the split: the departments' default shares in order and the category rules. */
export function sharesKey(a) {
    const rules = [...(a.category_rules ?? [])].sort((x, y) => x.category.localeCompare(y.category));
    return JSON.stringify([(a.departments ?? []).map((d) => [d.department_id, d.share_bp]), rules.map((r) => [r.category, r.shares.map((s) => [s.department_id, s.share_bp])])]);
}
/** AgreementEditPage creates (/agreements/new) or edits an agreement. */
export function AgreementEditPage() {
    const { id } = useParams();
    const i = useI18n();
    const { t } = i;
    const departments = useDepartments();
    const nav = useNavigate();
    const q = useAgreement(id);
    const save = useSaveAgreement();
    if (id && q.isLoading)
        return _jsx(Loading, {});
    if (id && q.error)
        return _jsx(ErrorAlert, { error: q.error, onRetry: () => q.refetch() });
    const a = q.data;
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: id ? `${t('action.edit')}: ${a?.name ?? ''}` : t('agreement.new') }), _jsx(AgreementForm, { initial: a ? fromAgreement(a) : emptyAgreement(today()), 
                // A change of the shares withdraws the open months' approvals: ask first, report after.
                warn: async (body) => id && a && sharesKey(body) !== sharesKey(a) ? withdrawWarning(i, await openApprovals(id), (d) => nameOf(departments.data, d)) : null, save: async (body) => {
                    const answer = await save.mutateAsync({ id, version: a?.version, body });
                    nav('/agreements', { state: { saved: true, withdrawn: answer.withdrawn_approvals ?? [] } });
                }, onCancel: () => nav('/agreements'), onReload: () => q.refetch() }, a ? `${a.id}-${a.version}` : 'new')] }));
}
