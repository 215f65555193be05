import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { COST_CATEGORIES, oneOf } from '@/lib/api/enums';
import { nameOf, options, useDepartments } from '@/lib/api/lookups';
import { SelectField, TextField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { useSubmit } from '@/components/crud/useSubmit';
import { ApiError } from '@/lib/api/errors';
import { parseMoney } from '@/lib/i18n/format';
import { sumShares, toAgreementBody } from '../agreementForm';
/**
 * AgreementForm edits a joint-budget agreement: its period, the departments
 * in order (the first wins ties in the split) with their default shares — the
 * running sum is shown as you type and must reach 100 % — and annual budgets,
 * and optional per-category rules.
 */
export function AgreementForm({ initial, save, onCancel, onReload, warn }) {
    const i = useI18n();
    const { t, tk } = i;
    const departments = useDepartments();
    const [v, setV] = useState(initial);
    const { local, error, busy, run } = useSubmit();
    // The warning shown for the values it was computed for; changed values ask again.
    const [warning, setWarning] = useState(null);
    const held = warning !== null && warning.values === v;
    const fe = { ...useFieldErrors(error), ...local };
    const set = (patch) => setV((o) => ({ ...o, ...patch }));
    const setDept = (idx, patch) => set({ departments: v.departments.map((d, j) => (j === idx ? { ...d, ...patch } : d)) });
    const setRule = (idx, patch) => set({ rules: v.rules.map((r, j) => (j === idx ? { ...r, ...patch } : r)) });
    const sum = sumShares(v.departments.map((d) => d.share));
    const budgetTotal = v.departments.reduce((a, d) => a + (parseMoney(d.budget) ?? 0), 0);
    const usedCats = new Set(v.rules.map((r) => r.category));
    const freeCat = COST_CATEGORIES.find((c) => !usedCats.has(c));
    function onSubmit(e) {
        e.preventDefault();
        const r = toAgreementBody(v, {
            required: t('common.required'),
            badShare: t('agreement.badShare'),
            sum: t('agreement.sumError'),
            badMoney: t('form.badMoney'),
            endBeforeStart: t('form.endBeforeStart'),
            duplicate: t('agreement.duplicate'),
        });
        void run(r, async (body) => {
            const text = warn && !held ? await warn(body) : null;
            if (text)
                setWarning({ text, values: v });
            else
                await save(body);
        });
    }
    return (_jsxs("form", { onSubmit: onSubmit, noValidate: true, children: [_jsxs("div", { className: "form-grid", children: [_jsx(TextField, { className: "span-all", label: t('common.name'), required: true, value: v.name, onChange: (e) => set({ name: e.target.value }), error: fe.name }), _jsx(DateField, { label: t('agreement.startsOn'), required: true, value: v.starts_on, onChange: (d) => set({ starts_on: d }), error: fe.starts_on }), _jsx(DateField, { label: t('agreement.endsOn'), required: true, value: v.ends_on, onChange: (d) => set({ ends_on: d }), error: fe.ends_on })] }), _jsxs("fieldset", { className: "field", "aria-describedby": "agreement-sum", children: [_jsx("legend", { children: t('agreement.departments') }), _jsx("p", { className: "field-help", children: t('agreement.departmentsHelp') }), v.departments.map((d, idx) => (_jsxs("div", { className: "form-grid agreement-row", children: [_jsx(SelectField, { label: t('agreement.department', { n: idx + 1 }), required: true, value: d.department_id, onChange: (e) => setDept(idx, { department_id: e.target.value }), options: options(departments.data), empty: "\u2013", error: fe[`departments.${idx}.department_id`] }), _jsx(TextField, { label: t('agreement.share'), required: true, inputMode: "decimal", value: d.share, onChange: (e) => setDept(idx, { share: e.target.value }), help: t('agreement.shareHelp'), error: fe[`departments.${idx}.share_bp`] }), _jsx(TextField, { label: t('agreement.budget'), inputMode: "decimal", value: d.budget, onChange: (e) => setDept(idx, { budget: e.target.value }), help: t('agreement.budgetHelp'), error: fe[`departments.${idx}.budget_cents`] }), _jsxs("div", { className: "row-actions", children: [_jsx(Button, { size: "small", variant: "ghost", disabled: idx === 0, "aria-label": `${t('agreement.up')}: ${nameOf(departments.data, d.department_id) || idx + 1}`, onClick: () => {
                                            const next = [...v.departments];
                                            [next[idx - 1], next[idx]] = [next[idx], next[idx - 1]];
                                            set({ departments: next });
                                        }, children: "\u2191" }), _jsx(Button, { size: "small", variant: "secondary", "aria-label": `${t('action.remove')}: ${nameOf(departments.data, d.department_id) || idx + 1}`, onClick: () => set({ departments: v.departments.filter((_, j) => j !== idx) }), children: t('action.remove') })] })] }, idx))), _jsxs("p", { id: "agreement-sum", className: `share-sum ${sum.bp === 10000 ? 'ok' : 'off'}`, role: "status", "aria-live": "polite", "data-testid": "share-sum", children: [t('agreement.sum', { sum: i.number(sum.bp / 100, 2) }), sum.bp !== 10000 && ` — ${t('agreement.sumMissing', { left: i.number((10000 - sum.bp) / 100, 2) })}`, ' · ', t('agreement.budgetTotal', { total: i.money(budgetTotal) })] }), fe.departments && _jsx("p", { className: "field-error", children: fe.departments }), _jsx(Button, { variant: "secondary", onClick: () => set({ departments: [...v.departments, { department_id: '', share: v.departments.length ? '' : '100', budget: '' }] }), children: t('agreement.addDepartment') })] }), _jsxs("fieldset", { className: "field", children: [_jsx("legend", { children: t('agreement.rules') }), _jsx("p", { className: "field-help", children: t('agreement.rulesHelp') }), v.rules.map((r, ri) => {
                        const rs = sumShares(v.departments.map((d) => r.shares[d.department_id] ?? ''));
                        return (_jsxs("div", { className: "card agreement-rule", children: [_jsxs("div", { className: "form-grid", children: [_jsx(SelectField, { label: t('budget.costCategory'), value: r.category, onChange: (e) => setRule(ri, { category: oneOf(COST_CATEGORIES, e.target.value) ?? r.category }), options: COST_CATEGORIES.filter((c) => c === r.category || !usedCats.has(c)).map((c) => ({ value: c, label: tk('cc', c) })) }), v.departments.map((d, idx) => (_jsx(TextField, { label: `${t('agreement.share')}: ${nameOf(departments.data, d.department_id) || idx + 1}`, inputMode: "decimal", value: r.shares[d.department_id] ?? '', onChange: (e) => setRule(ri, { shares: { ...r.shares, [d.department_id]: e.target.value } }) }, d.department_id || idx)))] }), _jsx("p", { className: `share-sum ${rs.bp === 10000 ? 'ok' : 'off'}`, role: "status", children: t('agreement.sum', { sum: i.number(rs.bp / 100, 2) }) }), fe[`category_rules.${ri}.shares`] && _jsx("p", { className: "field-error", children: fe[`category_rules.${ri}.shares`] }), _jsx(Button, { size: "small", variant: "secondary", onClick: () => set({ rules: v.rules.filter((_, j) => j !== ri) }), children: t('agreement.removeRule', { cat: tk('cc', r.category) }) })] }, ri));
                    }), fe.category_rules && _jsx("p", { className: "field-error", children: fe.category_rules }), freeCat && (_jsx(Button, { variant: "secondary", disabled: !v.departments.length, onClick: () => set({ rules: [...v.rules, { category: freeCat, shares: Object.fromEntries(v.departments.map((d) => [d.department_id, d.share])) }] }), children: t('agreement.addRule') }))] }), Object.keys(local).length > 0 && _jsx(Alert, { kind: "error", children: t('problem.validation') }), _jsx(ErrorAlert, { error: error, shownFields: ['name', 'starts_on', 'ends_on'] }), error instanceof ApiError && error.status === 412 && onReload && (_jsx(Button, { variant: "secondary", onClick: onReload, children: t('action.reload') })), held && warning && _jsx(Alert, { kind: "warning", children: warning.text }), _jsxs("div", { className: "form-actions", children: [_jsx(Button, { type: "submit", size: "large", busy: busy, children: busy ? t('action.saving') : held ? t('action.saveAnyway') : t('action.save') }), _jsx(Button, { variant: "secondary", size: "large", onClick: onCancel, children: t('action.cancel') })] })] }));
}
