import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { SelectField, TextAreaField, TextField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { DateField } from '@/components/ui/DateField';
import { useFieldErrors } from '@/components/ui/errors';
import { useSubmit } from './useSubmit';
/**
 * InlineForm is a small add-form inside a screen: `toBody` makes the typed
 * request body of the values, `submit` sends it. Its values stay on error;
 * they are cleared only after a successful save.
 */
export function InlineForm({ title, fields, initial = {}, submit, toBody, submitLabel, }) {
    const { t } = useI18n();
    const blank = () => Object.fromEntries(fields.map((f) => [f.name, initial[f.name] ?? '']));
    const [v, setV] = useState(blank);
    const { error, busy, run } = useSubmit();
    const fe = useFieldErrors(error);
    async function onSubmit(e) {
        e.preventDefault();
        if (await run({ body: toBody(v) }, submit))
            setV(blank());
    }
    return (_jsxs("form", { className: "card", onSubmit: onSubmit, noValidate: true, "aria-label": title, children: [_jsx("h3", { children: title }), _jsx("div", { className: "form-grid", children: fields.map((f) => {
                    const p = { label: f.label, required: f.required, error: fe[f.name], value: v[f.name] };
                    const on = (x) => setV((o) => ({ ...o, [f.name]: x }));
                    if (f.kind === 'textarea')
                        return _jsx(TextAreaField, { className: "span-all", ...p, onChange: (e) => on(e.target.value) }, f.name);
                    if (f.kind === 'date')
                        return _jsx(DateField, { ...p, onChange: on }, f.name);
                    if (f.kind === 'select')
                        return _jsx(SelectField, { ...p, options: f.options ?? [], empty: f.empty, onChange: (e) => on(e.target.value) }, f.name);
                    return _jsx(TextField, { type: f.kind ?? 'text', ...p, onChange: (e) => on(e.target.value) }, f.name);
                }) }), _jsx(ErrorAlert, { error: error, shownFields: fields.map((f) => f.name) }), _jsx(Button, { type: "submit", busy: busy, children: submitLabel ?? t('action.add') })] }));
}
