import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { useFieldErrors } from '@/components/ui/errors';
import { download } from '@/lib/api/client';
import { TextAreaField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Loading, PageHeader } from '@/components/ui/misc';
import { useEraseProfile, useProfile, useResidents, useSaveProfile } from '../api/units';
const FIELDS = [
    ['life_story', 'profile.lifeStory'],
    ['music', 'profile.music'],
    ['arts', 'profile.arts'],
    ['places', 'profile.places'],
    ['wishes', 'profile.wishes'],
];
/**
 * ProfilePage edits a resident's culture profile: personal data, shown only
 * to the unit's mentors and admins (the API decides), exported as JSON and
 * erased on request.
 */
export function ProfilePage() {
    const { id: unitId = '', residentId = '' } = useParams();
    const { t } = useI18n();
    const q = useProfile(residentId);
    const save = useSaveProfile(residentId);
    const erase = useEraseProfile(residentId);
    const [v, setV] = useState({});
    const [saved, setSaved] = useState(false);
    const [exportError, setExportError] = useState(null);
    const missing = q.error instanceof ApiError && q.error.status === 404;
    const data = q.data;
    // The profile does not repeat the resident's name; the unit's residents have it.
    const resident = useResidents(unitId).data?.items.find((r) => r.id === residentId);
    const fe = useFieldErrors(save.error);
    useEffect(() => {
        if (data)
            setV(Object.fromEntries(FIELDS.map(([k]) => [k, data[k] ?? ''])));
    }, [data]);
    if (q.isLoading)
        return _jsx(Loading, {});
    if (q.error && !missing)
        return _jsx(ErrorAlert, { error: q.error });
    async function onSubmit(e) {
        e.preventDefault();
        setSaved(false);
        try {
            await save.mutateAsync({ body: v, version: data?.version });
            setSaved(true);
        }
        catch {
            /* shown below */
        }
    }
    async function exportJson() {
        setExportError(null);
        try {
            await download(`/residents/${residentId}/culture-profile/export`, `culture-profile-${residentId}.json`);
        }
        catch (e) {
            setExportError(e);
        }
    }
    return (_jsxs(_Fragment, { children: [_jsxs(PageHeader, { title: `${t('profile.title')}${resident ? `: ${resident.display_name}` : ''}`, children: [_jsx(Link, { to: `/units/${unitId}`, children: t('action.back') }), data && (_jsx(Button, { variant: "secondary", onClick: exportJson, children: t('profile.export') })), data && (_jsx(Button, { variant: "danger", busy: erase.isPending, onClick: () => window.confirm(t('profile.eraseConfirm')) && erase.mutate(), children: t('profile.erase') }))] }), _jsx(Alert, { kind: "info", children: t('profile.privacy') }), _jsx(ErrorAlert, { error: erase.error ?? exportError }), erase.isSuccess && _jsx(Alert, { kind: "success", children: t('common.deleted') }), _jsxs("form", { onSubmit: onSubmit, noValidate: true, className: "card", children: [FIELDS.map(([k, label]) => (_jsx(TextAreaField, { label: t(label), rows: 4, value: v[k] ?? '', onChange: (e) => setV((o) => ({ ...o, [k]: e.target.value })), error: fe[k] }, k))), _jsx(ErrorAlert, { error: save.error, shownFields: FIELDS.map(([k]) => k) }), saved && _jsx(Alert, { kind: "success", children: t('common.saved') }), _jsx(Button, { type: "submit", busy: save.isPending, children: t('action.save') })] })] }));
}
