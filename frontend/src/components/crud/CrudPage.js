import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
// CrudPage is the shared list + create/edit dialog of the simple resources
// (partners, series, users...). A feature passes its typed fetchers (from
// its api/ module), its fields, columns and how form values become the
// request body; this handles paging, saving with If-Match, and errors per field.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n/i18n';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { DateField } from '@/components/ui/DateField';
import { Dialog } from '@/components/ui/Dialog';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { DataTable } from '@/components/ui/DataTable';
import { useFieldErrors } from '@/components/ui/errors';
import { Loaded, PageHeader, Pager } from '@/components/ui/misc';
function defaultValues(fields, item) {
    const v = {};
    for (const f of fields) {
        const x = item?.[f.name];
        if (f.kind === 'multi')
            v[f.name] = Array.isArray(x) ? x.map(String) : [];
        else if (f.kind === 'checkbox')
            v[f.name] = x === undefined ? true : Boolean(x);
        else if (f.kind === 'money')
            v[f.name] = typeof x === 'number' ? (x / 100).toFixed(2).replace('.', ',') : '';
        // A required select shows its first choice, so that is its value too.
        else if (f.kind === 'select' && f.required && (x === null || x === undefined))
            v[f.name] = f.options?.[0]?.value ?? '';
        else
            v[f.name] = x === null || x === undefined ? '' : String(x);
    }
    return v;
}
const labelOf = (i) => i?.name ?? i?.title ?? i?.email ?? '';
/** CrudPage lists a resource and creates and edits it in a dialog. */
export function CrudPage(c) {
    const { t } = useI18n();
    const qc = useQueryClient();
    const [offset, setOffset] = useState(0);
    const [editing, setEditing] = useState(null);
    const [shown, setShown] = useState(null);
    const limit = 50;
    const root = [c.cacheKey];
    const q = useQuery({ queryKey: [c.cacheKey, c.listKey, { limit, offset }], queryFn: () => c.list({ limit, offset }), placeholderData: keepPreviousData });
    const del = useMutation({
        mutationFn: (i) => c.remove.send(i),
        onSuccess: (answer) => {
            qc.invalidateQueries({ queryKey: root });
            setShown(c.reportDeleted?.(answer) ?? null);
        },
    });
    const askDelete = async (i) => {
        const warning = c.deleteWarning ? await c.deleteWarning(i) : null;
        if (window.confirm(warning ? `${t('action.confirmDelete')}\n\n${warning}` : t('action.confirmDelete')))
            del.mutate(i);
    };
    const can = (i, a) => (a === 'update' ? !!c.update : !!c.remove) && (c.can?.(i, a) ?? true);
    const withActions = !!(c.update || c.remove || c.rowActions);
    const columns = !withActions
        ? c.columns
        : [
            ...c.columns,
            {
                key: 'actions',
                label: t('common.actions'),
                nowrap: true,
                render: (i) => (_jsxs(_Fragment, { children: [can(i, 'update') && (_jsx(Button, { size: "small", variant: "secondary", onClick: () => setEditing(i), "aria-label": `${t('action.edit')}: ${labelOf(i)}`, children: t('action.edit') })), ' ', can(i, 'delete') && (_jsx(Button, { size: "small", variant: "danger", "aria-label": `${c.remove?.label ?? t('action.delete')}: ${labelOf(i)}`, onClick: () => void askDelete(i), children: c.remove?.label ?? t('action.delete') })), c.rowActions?.(i)] })),
            },
        ];
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: c.title, children: c.create && (_jsx(Button, { onClick: () => {
                        setShown(null);
                        setEditing('new');
                    }, children: c.newLabel })) }), c.filters, shown, _jsx(ErrorAlert, { error: del.error }), _jsx(Loaded, { q: q, isEmpty: (d) => !d.items.length, children: (d) => _jsx(DataTable, { caption: c.title, columns: columns, rows: d.items, rowKey: (i) => i.id }) }), q.data && _jsx(Pager, { offset: offset, limit: limit, total: q.data.total, onChange: setOffset }), editing && (_jsx(CrudDialog, { c: c, item: editing === 'new' ? undefined : editing, onClose: () => setEditing(null), onSaved: (r) => {
                    setEditing(null);
                    qc.invalidateQueries({ queryKey: root });
                    qc.invalidateQueries({ queryKey: ['lookup'] });
                    const report = c.reportSaved?.(r.answer, !!r.created) ?? null;
                    setShown(report ?? (r.created && c.afterCreate ? c.afterCreate(r.created.value) : _jsx(Alert, { kind: "success", children: t('common.saved') })));
                } }))] }));
}
function CrudDialog({ c, item, onClose, onSaved }) {
    const { t } = useI18n();
    const creating = !item;
    const [v, setV] = useState(() => (item && c.update?.fromItem ? c.update.fromItem(item) : defaultValues(c.fields, item)));
    const [local, setLocal] = useState({});
    // The warning shown for the values it was computed for; a change of the values asks again.
    const [warning, setWarning] = useState(null);
    const held = warning !== null && warning.values === v;
    const save = useMutation({
        mutationFn: async (confirmed) => {
            const body = item ? c.update.body(v, item) : c.create.body(v);
            if (c.saveWarning && !confirmed) {
                const text = await c.saveWarning(body, item);
                if (text) {
                    setWarning({ text, values: v });
                    return { held: true };
                }
            }
            if (!item) {
                const value = await c.create.send(c.create.body(v));
                return { created: { value }, answer: value };
            }
            return { answer: await c.update.send(item, c.update.body(v, item)) };
        },
        onSuccess: (r) => {
            if (!r.held)
                onSaved(r);
        },
    });
    const fe = { ...useFieldErrors(save.error), ...local };
    const fields = c.fields.filter((f) => creating || !f.createOnly);
    const set = (k, x) => setV((o) => ({ ...o, [k]: x }));
    function onSubmit(e) {
        e.preventDefault();
        // Checks the form can make itself (an amount that is not a number) keep the values and send nothing.
        const errs = (creating ? c.create?.check : c.update?.check)?.(v) ?? {};
        setLocal(errs);
        if (Object.keys(errs).length)
            return save.reset();
        save.mutate(held);
    }
    return (_jsx(Dialog, { title: creating ? c.newLabel : `${t('action.edit')}: ${labelOf(item)}`, onClose: onClose, children: _jsxs("form", { onSubmit: onSubmit, noValidate: true, children: [fields.map((f) => {
                    const common = { label: f.label, required: f.required, error: fe[f.name], help: f.help };
                    const val = v[f.name];
                    switch (f.kind) {
                        case 'textarea':
                            return _jsx(TextAreaField, { ...common, value: String(val), onChange: (e) => set(f.name, e.target.value) }, f.name);
                        case 'select':
                            return _jsx(SelectField, { ...common, value: String(val), options: f.options ?? [], empty: f.empty ?? (f.required ? undefined : '–'), onChange: (e) => set(f.name, e.target.value) }, f.name);
                        case 'multi':
                            return _jsx(CheckboxGroup, { legend: f.label, options: f.options ?? [], value: Array.isArray(val) ? val : [], onChange: (x) => set(f.name, x), error: fe[f.name] }, f.name);
                        case 'date':
                            return _jsx(DateField, { ...common, value: String(val), onChange: (d) => set(f.name, d) }, f.name);
                        case 'checkbox':
                            return (_jsxs("label", { className: "checkbox", children: [_jsx("input", { type: "checkbox", checked: Boolean(val), onChange: (e) => set(f.name, e.target.checked) }), " ", f.label] }, f.name));
                        default:
                            return (_jsx(TextField, { ...common, type: f.kind === 'money' ? 'text' : (f.kind ?? 'text'), inputMode: f.kind === 'money' ? 'decimal' : undefined, value: String(val), onChange: (e) => set(f.name, e.target.value) }, f.name));
                    }
                }), _jsx(ErrorAlert, { error: save.error, shownFields: fields.map((f) => f.name) }), held && warning && _jsx(Alert, { kind: "warning", children: warning.text }), _jsxs("div", { className: "form-actions", children: [_jsx(Button, { type: "submit", busy: save.isPending, children: save.isPending ? t('action.saving') : held ? t('action.saveAnyway') : t('action.save') }), _jsx(Button, { variant: "secondary", onClick: onClose, children: t('action.cancel') })] })] }) }));
}
/** str reads a text value of a CrudPage form. */
export const str = (v, k) => {
    const x = v[k];
    return typeof x === 'string' ? x : '';
};
/** strOrNull reads a text value, '' as null (an optional choice or day). */
export const strOrNull = (v, k) => str(v, k) || null;
/** list reads a multi-choice value. */
export const list = (v, k) => {
    const x = v[k];
    return Array.isArray(x) ? x : [];
};
/** bool reads a checkbox value. */
export const bool = (v, k) => v[k] === true;
