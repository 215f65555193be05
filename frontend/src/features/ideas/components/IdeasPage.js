import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime";
import { useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { IDEA_SOURCES, IDEA_STATUSES, enumOptions, oneOf } from '@/lib/api/enums';
import { nameOf, options, useCommittees } from '@/lib/api/lookups';
import { useFieldErrors } from '@/components/ui/errors';
import { SelectField, TextAreaField, TextField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loading, PageHeader } from '@/components/ui/misc';
import { useState } from 'react';
import { createIdea, patchIdea, useIdeaChange, useIdeas, voteIdea } from '../api/ideas';
/** IdeasPage is the ideas board: columns by status, ranked, with the actions a mentor needs. */
export function IdeasPage() {
    const i = useI18n();
    const { t, tk } = i;
    const { role } = useAuth();
    const nav = useNavigate();
    const [params, setParams] = useSearchParams();
    const committeeId = params.get('committee_id') ?? '';
    const committees = useCommittees();
    const q = useIdeas(committeeId);
    const patch = useIdeaChange(patchIdea);
    const vote = useIdeaChange(voteIdea);
    const canEdit = role === 'mentor' || role === 'admin';
    const ideas = q.data ?? [];
    function toActivity(idea) {
        const c = committees.data?.find((x) => x.id === idea.committee_id);
        const p = new URLSearchParams({ title: idea.title, description: idea.description ?? '', idea_id: idea.id });
        const unit = idea.unit_id ?? c?.unit_id;
        if (unit)
            p.append('unit_id', unit);
        nav(`/activities/new?${p}`);
    }
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: t('ideas.title') }), _jsx("div", { className: "filters", children: _jsx(SelectField, { label: t('ideas.committee'), value: committeeId, onChange: (e) => setParams(e.target.value ? { committee_id: e.target.value } : {}, { replace: true }), options: options(committees.data), empty: t('common.all') }) }), _jsx(ErrorAlert, { error: patch.error ?? vote.error }), q.isLoading ? (_jsx(Loading, {})) : q.error ? (_jsx(ErrorAlert, { error: q.error, onRetry: () => q.refetch() })) : (_jsx("div", { className: "board", children: IDEA_STATUSES.map((status) => {
                    const col = ideas.filter((x) => x.status === status);
                    return (_jsxs("section", { className: "board-col", "aria-labelledby": `col-${status}`, children: [_jsxs("h2", { id: `col-${status}`, children: [tk('is', status), " (", col.length, ")"] }), _jsx("ol", { children: col.map((idea) => (_jsxs("li", { className: "idea", children: [_jsx("h3", { children: idea.title }), idea.description && _jsx("p", { className: "small", children: idea.description }), _jsxs("p", { className: "muted small", children: [nameOf(committees.data, idea.committee_id), " \u00B7 ", tk('src', idea.source), " \u00B7 ", t('ideas.votes', { n: idea.votes ?? 0 }), idea.priority != null && ` · ${t('ideas.rank')} ${idea.priority}`] }), idea.activity_id && (_jsx("p", { className: "small", children: _jsx("a", { href: `/activities/${idea.activity_id}`, onClick: (e) => (e.preventDefault(), nav(`/activities/${idea.activity_id}`)), children: t('ideas.linked') }) })), canEdit && (_jsxs("div", { className: "idea-actions", children: [(status === 'new' || status === 'planned') && (_jsxs(_Fragment, { children: [_jsx(Button, { size: "small", variant: "secondary", "aria-label": `+1 ${t('ideas.vote', { title: idea.title })}`, onClick: () => vote.mutate(idea.id), children: "+1" }), _jsxs("label", { className: "inline-select", children: [_jsx("span", { className: "visually-hidden", children: t('ideas.priorityOf', { title: idea.title }) }), _jsxs("select", { value: idea.priority ?? '', onChange: (e) => patch.mutate({ id: idea.id, version: idea.version, body: { priority: e.target.value ? Number(e.target.value) : null } }), children: [_jsxs("option", { value: "", children: [t('ideas.rank'), ": \u2013"] }), [1, 2, 3, 4, 5].map((n) => (_jsxs("option", { value: n, children: [t('ideas.rank'), ": ", n] }, n)))] })] })] })), status === 'new' && (_jsxs(_Fragment, { children: [_jsx(Button, { size: "small", variant: "secondary", onClick: () => patch.mutate({ id: idea.id, version: idea.version, body: { status: 'planned' } }), children: t('ideas.plan') }), _jsx(Button, { size: "small", variant: "danger", onClick: () => patch.mutate({ id: idea.id, version: idea.version, body: { status: 'declined' } }), children: t('ideas.decline') })] })), (status === 'new' || status === 'planned') && !idea.activity_id && (_jsx(Button, { size: "small", onClick: () => toActivity(idea), children: t('ideas.toActivity') }))] }))] }, idea.id))) })] }, status));
                }) })), canEdit && _jsx(NewIdea, { committeeId: committeeId, committees: options(committees.data) })] }));
}
function NewIdea({ committeeId, committees }) {
    const { t, tk } = useI18n();
    const create = useIdeaChange(createIdea);
    const blank = { committee_id: committeeId, title: '', description: '', source: 'resident' };
    const [v, setV] = useState(blank);
    const fe = useFieldErrors(create.error);
    const set = (k) => (e) => setV((o) => ({ ...o, [k]: e.target.value }));
    async function onSubmit(e) {
        e.preventDefault();
        try {
            await create.mutateAsync({ ...v, source: oneOf(IDEA_SOURCES, v.source) ?? 'other', committee_id: v.committee_id || committeeId });
            setV({ ...blank, committee_id: v.committee_id });
        }
        catch {
            /* shown below */
        }
    }
    return (_jsxs("form", { className: "card", onSubmit: onSubmit, noValidate: true, "aria-labelledby": "new-idea-h", style: { marginTop: '1rem' }, children: [_jsx("h2", { id: "new-idea-h", children: t('ideas.new') }), _jsxs("div", { className: "form-grid", children: [_jsx(SelectField, { label: t('ideas.committee'), required: true, value: v.committee_id || committeeId, onChange: set('committee_id'), options: committees, empty: "", error: fe.committee_id }), _jsx(TextField, { label: t('activity.title'), required: true, value: v.title, onChange: set('title'), error: fe.title }), _jsx(SelectField, { label: t('ideas.source'), value: v.source, onChange: set('source'), options: enumOptions(IDEA_SOURCES, tk, 'src'), error: fe.source }), _jsx(TextAreaField, { className: "span-all", label: t('common.description'), value: v.description, onChange: set('description'), error: fe.description })] }), _jsx(ErrorAlert, { error: create.error, shownFields: ['committee_id', 'title', 'source', 'description'] }), _jsx(Button, { type: "submit", busy: create.isPending, children: t('action.add') })] }));
}
