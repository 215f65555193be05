import { useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { can, canAny, canCreate } from '@/lib/api/actions';
import { IDEA_SOURCES, IDEA_STATUSES, enumOptions, oneOf } from '@/lib/api/enums';
import { nameOf, options, useCommittees } from '@/lib/api/lookups';
import { useFieldErrors } from '@/components/ui/errors';
import { SelectField, TextAreaField, TextField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loading, PageHeader } from '@/components/ui/misc';
import { useState, type FormEvent } from 'react';
import { createIdea, patchIdea, useIdeaChange, useIdeas, voteIdea, type Idea } from '../api/ideas';

/** IdeasPage is the ideas board: columns by status, ranked, with the actions a mentor needs. */
export function IdeasPage() {
  const i = useI18n();
  const { t, tk } = i;
  const { me } = useAuth();
  const nav = useNavigate();
  const [params, setParams] = useSearchParams();
  const committeeId = params.get('committee_id') ?? '';
  const committees = useCommittees();
  const q = useIdeas(committeeId);
  const patch = useIdeaChange(patchIdea);
  const vote = useIdeaChange(voteIdea);
  const ideas = q.data ?? [];

  function toActivity(idea: Idea) {
    const c = committees.data?.find((x) => x.id === idea.committee_id);
    const p = new URLSearchParams({ title: idea.title, description: idea.description ?? '', idea_id: idea.id });
    const unit = idea.unit_id ?? c?.unit_id;
    if (unit) p.append('unit_id', unit);
    nav(`/activities/new?${p}`);
  }

  return (
    <>
      <PageHeader title={t('ideas.title')} />
      <div className="filters">
        <SelectField
          label={t('ideas.committee')}
          value={committeeId}
          onChange={(e) => setParams(e.target.value ? { committee_id: e.target.value } : {}, { replace: true })}
          options={options(committees.data)}
          empty={t('common.all')}
        />
      </div>
      <ErrorAlert error={patch.error ?? vote.error} />
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <div className="board">
          {IDEA_STATUSES.map((status) => {
            const col = ideas.filter((x) => x.status === status);
            return (
              <section key={status} className="board-col" aria-labelledby={`col-${status}`}>
                <h2 id={`col-${status}`}>
                  {tk('is', status)} ({col.length})
                </h2>
                <ol>
                  {col.map((idea) => (
                    <li key={idea.id} className="idea">
                      <h3>{idea.title}</h3>
                      {idea.description && <p className="small">{idea.description}</p>}
                      <p className="muted small">
                        {nameOf(committees.data, idea.committee_id)} · {tk('src', idea.source)} · {t('ideas.votes', { n: idea.votes ?? 0 })}
                        {idea.priority != null && ` · ${t('ideas.rank')} ${idea.priority}`}
                      </p>
                      {idea.activity_id && (
                        <p className="small">
                          <a href={`/activities/${idea.activity_id}`} onClick={(e) => (e.preventDefault(), nav(`/activities/${idea.activity_id}`))}>
                            {t('ideas.linked')}
                          </a>
                        </p>
                      )}
                      {canAny(idea, 'update', 'vote', 'to_activity') && (
                        <div className="idea-actions">
                          {can(idea, 'vote') && (
                            <Button size="small" variant="secondary" aria-label={`+1 ${t('ideas.vote', { title: idea.title })}`} onClick={() => vote.mutate(idea.id)}>
                              +1
                            </Button>
                          )}
                          {can(idea, 'update') && (status === 'new' || status === 'planned') && (
                            <label className="inline-select">
                              <span className="visually-hidden">{t('ideas.priorityOf', { title: idea.title })}</span>
                              <select
                                value={idea.priority ?? ''}
                                onChange={(e) => patch.mutate({ id: idea.id, version: idea.version, body: { priority: e.target.value ? Number(e.target.value) : null } })}
                              >
                                <option value="">{t('ideas.rank')}: –</option>
                                {[1, 2, 3, 4, 5].map((n) => (
                                  <option key={n} value={n}>
                                    {t('ideas.rank')}: {n}
                                  </option>
                                ))}
                              </select>
                            </label>
                          )}
                          {can(idea, 'update') && status === 'new' && (
                            <>
                              <Button size="small" variant="secondary" onClick={() => patch.mutate({ id: idea.id, version: idea.version, body: { status: 'planned' } })}>
                                {t('ideas.plan')}
                              </Button>
                              <Button size="small" variant="danger" onClick={() => patch.mutate({ id: idea.id, version: idea.version, body: { status: 'declined' } })}>
                                {t('ideas.decline')}
                              </Button>
                            </>
                          )}
                          {can(idea, 'to_activity') && (
                            <Button size="small" onClick={() => toActivity(idea)}>
                              {t('ideas.toActivity')}
                            </Button>
                          )}
                        </div>
                      )}
                    </li>
                  ))}
                </ol>
              </section>
            );
          })}
        </div>
      )}
      {canCreate(me, 'idea') && <NewIdea committeeId={committeeId} committees={options(committees.data)} />}
    </>
  );
}

function NewIdea({ committeeId, committees }: { committeeId: string; committees: { value: string; label: string }[] }) {
  const { t, tk } = useI18n();
  const create = useIdeaChange(createIdea);
  const blank = { committee_id: committeeId, title: '', description: '', source: 'resident' };
  const [v, setV] = useState(blank);
  const fe = useFieldErrors(create.error);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    try {
      await create.mutateAsync({ ...v, source: oneOf(IDEA_SOURCES, v.source) ?? 'other', committee_id: v.committee_id || committeeId });
      setV({ ...blank, committee_id: v.committee_id });
    } catch {
      /* shown below */
    }
  }
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-idea-h" style={{ marginTop: '1rem' }}>
      <h2 id="new-idea-h">{t('ideas.new')}</h2>
      <div className="form-grid">
        <SelectField label={t('ideas.committee')} required value={v.committee_id || committeeId} onChange={set('committee_id')} options={committees} empty="" error={fe.committee_id} />
        <TextField label={t('activity.title')} required value={v.title} onChange={set('title')} error={fe.title} />
        <SelectField label={t('ideas.source')} value={v.source} onChange={set('source')} options={enumOptions(IDEA_SOURCES, tk, 'src')} error={fe.source} />
        <TextAreaField className="span-all" label={t('common.description')} value={v.description} onChange={set('description')} error={fe.description} />
      </div>
      <ErrorAlert error={create.error} shownFields={['committee_id', 'title', 'source', 'description']} />
      <Button type="submit" busy={create.isPending}>
        {t('action.add')}
      </Button>
    </form>
  );
}

