import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { addMonths, today } from '@/lib/i18n/dates';
import { LOCALES } from '@/lib/i18n/format';
import { SelectField, TextField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { downloadProgramme, useCreateScreenToken, useRevokeScreenToken, useScreenTokens, useSetPublicProgramme } from '../api/programme';
/**
 * ProgrammePanel is a unit's programme for residents and relatives: the
 * large-print month PDF (mentors of the unit, the producer, admins), the
 * public page switch (the producer and admins) and the lobby screen's tokens.
 */
export function ProgrammePanel({ unit }) {
    const i = useI18n();
    const { t } = i;
    const { role, me } = useAuth();
    const mine = role === 'mentor' && !!me?.unit_ids.includes(unit.id);
    const runs = mine || role === 'producer' || role === 'admin';
    const publishes = role === 'producer' || role === 'admin';
    if (!runs)
        return null;
    return (_jsxs("section", { "aria-labelledby": "programme-h", className: "card", children: [_jsx("h2", { id: "programme-h", children: t('programme.title') }), _jsx(PrintForm, { unitId: unit.id }), publishes && _jsx(PublicSwitch, { unit: unit }), !publishes && unit.public_programme && (_jsx("p", { children: _jsx("a", { href: `/programme/${unit.id}`, children: t('programme.publicLink') }) })), _jsx(ScreenTokens, { unitId: unit.id })] }));
}
function PrintForm({ unitId }) {
    const { t, locale, monthYear } = useI18n();
    const months = [0, 1, 2].map((n) => addMonths(today(), n).slice(0, 7));
    const [o, setO] = useState({ month: months[1], lang: locale, size: 'A4' });
    const [error, setError] = useState(null);
    const [busy, setBusy] = useState(false);
    const submit = async (e) => {
        e.preventDefault();
        setError(null);
        setBusy(true);
        try {
            await downloadProgramme(unitId, o);
        }
        catch (err) {
            setError(err);
        }
        finally {
            setBusy(false);
        }
    };
    return (_jsxs("form", { onSubmit: submit, className: "form-grid", "aria-labelledby": "print-h", children: [_jsx("h3", { id: "print-h", className: "span-all", children: t('programme.print') }), _jsx("p", { className: "span-all muted", children: t('programme.printHelp') }), _jsx(SelectField, { label: t('budget.month'), value: o.month, onChange: (e) => setO({ ...o, month: e.target.value }), options: months.map((m) => ({ value: m, label: monthYear(`${m}-15`) })) }), _jsx(SelectField, { label: t('app.language'), value: o.lang, onChange: (e) => setO({ ...o, lang: e.target.value }), options: LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) })) }), _jsx(SelectField, { label: t('programme.size'), value: o.size, onChange: (e) => setO({ ...o, size: e.target.value }), options: [{ value: 'A4', label: 'A4' }, { value: 'A3', label: 'A3' }] }), _jsx("div", { className: "span-all", children: _jsx(Button, { type: "submit", busy: busy, children: t('programme.download') }) }), error ? (_jsx("div", { className: "span-all", children: _jsx(ErrorAlert, { error: error }) })) : null] }));
}
function PublicSwitch({ unit }) {
    const { t } = useI18n();
    const set = useSetPublicProgramme(unit.id);
    const on = !!unit.public_programme;
    return (_jsxs("div", { children: [_jsx("h3", { children: t('programme.public') }), _jsx("p", { className: "muted", children: t('programme.publicHelp') }), _jsxs("p", { children: [on ? t('programme.publicOn') : t('programme.publicOff'), ' ', on && _jsx("a", { href: `/programme/${unit.id}`, children: t('programme.publicLink') })] }), _jsx(Button, { variant: "secondary", busy: set.isPending, onClick: () => set.mutate({ on: !on, version: unit.version }), children: on ? t('programme.unpublish') : t('programme.publish') }), _jsx(ErrorAlert, { error: set.error })] }));
}
function ScreenTokens({ unitId }) {
    const { t, dateTime } = useI18n();
    const list = useScreenTokens(unitId, true);
    const create = useCreateScreenToken(unitId);
    const revoke = useRevokeScreenToken(unitId);
    const [name, setName] = useState('');
    const created = create.data;
    const submit = (e) => {
        e.preventDefault();
        if (name.trim())
            create.mutate(name.trim(), { onSuccess: () => setName('') });
    };
    return (_jsxs("div", { children: [_jsx("h3", { children: t('programme.screens') }), _jsx("p", { className: "muted", children: t('programme.screensHelp') }), created?.screen_path && (_jsxs(Alert, { kind: "warning", title: t('programme.screenOnce'), children: [_jsx("p", { children: _jsx("code", { children: window.location.origin + created.screen_path }) }), _jsx("p", { children: _jsx("a", { href: created.screen_path, target: "_blank", rel: "noreferrer", children: t('programme.openScreen') }) })] })), _jsx("ul", { children: (list.data?.items ?? []).map((x) => (_jsxs("li", { children: [x.name, " ", _jsxs("code", { children: [x.prefix, "\u2026"] }), " ", x.revoked_at ? `· ${t('tokens.revoked')}` : '', x.last_used_at ? ` · ${t('tokens.lastUsed')}: ${dateTime(x.last_used_at)}` : '', ' ', x.allowed_actions.includes('revoke') && (_jsx(Button, { variant: "secondary", size: "small", busy: revoke.isPending, onClick: () => revoke.mutate({ id: x.id, version: x.version }), "aria-label": `${t('tokens.revoke')}: ${x.name}`, children: t('tokens.revoke') }))] }, x.id))) }), _jsxs("form", { onSubmit: submit, className: "inline-form", children: [_jsx(TextField, { label: t('programme.screenName'), value: name, onChange: (e) => setName(e.target.value), required: true }), _jsx(Button, { type: "submit", busy: create.isPending, children: t('programme.newScreen') })] }), _jsx(ErrorAlert, { error: create.error ?? revoke.error ?? list.error })] }));
}
