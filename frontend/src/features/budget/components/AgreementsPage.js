import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { Link, useLocation } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { nameOf, useAgreements, useDepartments } from '@/lib/api/lookups';
import { Alert } from '@/components/ui/Alert';
import { DataTable } from '@/components/ui/DataTable';
import { withdrawnReport } from './withdrawals';
import { Loaded, PageHeader } from '@/components/ui/misc';
/** AgreementsPage lists the joint-budget agreements with their departments, shares and budgets. */
export function AgreementsPage() {
    const i = useI18n();
    const { t, tk } = i;
    const { role } = useAuth();
    const loc = useLocation();
    const q = useAgreements();
    const departments = useDepartments();
    const state = loc.state;
    const canEdit = role === 'producer' || role === 'admin';
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: t('agreement.title'), children: canEdit && (_jsx(Link, { className: "btn btn-primary", to: "/agreements/new", children: t('agreement.new') })) }), state?.saved && (withdrawnReport(i, { withdrawn_approvals: state.withdrawn ?? [] }, (d) => nameOf(departments.data, d)) ?? _jsx(Alert, { kind: "success", children: t('common.saved') })), _jsx(Loaded, { q: q, isEmpty: (d) => !d.length, empty: t('budget.noAgreements'), children: (list) => list.map((a) => (_jsxs("section", { className: "card", "aria-labelledby": `ag-${a.id}`, children: [_jsxs("div", { className: "page-header", children: [_jsxs("h2", { id: `ag-${a.id}`, style: { margin: 0 }, children: [a.name, " ", _jsxs("span", { className: "muted small", children: [i.date(a.starts_on), "\u2013", i.date(a.ends_on)] })] }), canEdit && (_jsx(Link, { className: "btn btn-secondary", to: `/agreements/${a.id}/edit`, "aria-label": `${t('action.edit')}: ${a.name}`, children: t('action.edit') }))] }), _jsx(DataTable, { caption: `${a.name}: ${t('agreement.departments')}`, rows: a.departments, rowKey: (d) => d.department_id, columns: [
                                { label: t('budget.department'), render: (d) => (_jsxs(_Fragment, { children: [d.name, " ", _jsxs("span", { className: "muted small", children: ["(", d.code, ")"] })] })) },
                                { label: t('dept.organisation'), render: (d) => d.organisation },
                                { label: t('agreement.share'), render: (d) => i.percent(d.share_bp), num: true },
                                { label: t('agreement.budget'), render: (d) => i.money(d.budget_cents), num: true },
                                ...(a.category_rules ?? []).map((r) => ({
                                    key: r.category,
                                    label: tk('cc', r.category),
                                    num: true,
                                    render: (d) => i.percent(r.shares.find((x) => x.department_id === d.department_id)?.share_bp ?? 0),
                                })),
                            ] })] }, a.id))) })] }));
}
