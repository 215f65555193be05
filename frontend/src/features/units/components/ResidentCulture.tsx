import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { Button } from '@/components/ui/Button';
import { SelectField, TextField } from '@/components/ui/Field';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { Loaded } from '@/components/ui/misc';
import {
  useCultureSummary,
  useParticipation,
  useSetCultureGoal,
  useUpcomingMatches,
  type Resident,
  type SummaryLang,
} from '../api/units';

/**
 * ResidentCulture is the resident's side of culture on their page: the
 * culture goal and its progress, the last 90 days' participation, the
 * culture summary to paste into the care record (Finnish or Swedish, with a
 * copy button) and the coming activities that match the profile. Personal
 * data: only the unit's mentors and admins; every read is audited.
 */
export function ResidentCulture({ resident }: { resident: Resident }) {
  return (
    <>
      <GoalAndParticipation resident={resident} />
      <SummaryPanel residentId={resident.id} />
      <MatchesPanel residentId={resident.id} />
    </>
  );
}

function GoalAndParticipation({ resident }: { resident: Resident }) {
  const i = useI18n();
  const { t, tk } = i;
  const q = useParticipation(resident.id);
  const save = useSetCultureGoal(resident.id);
  const fe = useFieldErrors(save.error);
  const [goal, setGoal] = useState(resident.culture_goal_days == null ? '' : String(resident.culture_goal_days));
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    try {
      await save.mutateAsync({ days: goal === '' ? null : Number(goal), version: resident.version });
    } catch {
      /* shown below */
    }
  }
  const mean = (m: number | null) => (m == null ? '–' : i.number(m, 1));
  return (
    <section aria-labelledby="participation-h" className="card">
      <h2 id="participation-h">{t('resident.participation')}</h2>
      <Loaded q={q}>
        {(s) => (
          <>
            <dl className="facts">
              <dt>{t('resident.activeDays')}</dt>
              <dd>
                {s.active_days} ({t('resident.byHow', { ...s.by_participation })})
              </dd>
              <dt>{t('resident.feedbackSelf')}</dt>
              <dd>{mean(s.feedback_self.mean)} / 5 ({s.feedback_self.count})</dd>
              <dt>{t('resident.feedbackProxy')}</dt>
              <dd>{mean(s.feedback_proxy.mean)} / 5 ({s.feedback_proxy.count})</dd>
              <dt>{t('leftOut.last')}</dt>
              <dd>{s.last_active_on ? i.date(s.last_active_on) : t('leftOut.never')}</dd>
              {s.by_category.map((c) => (
                <div key={c.category} style={{ display: 'contents' }}>
                  <dt>{tk('cat', c.category)}</dt>
                  <dd>{t('resident.byHow', { active: c.active, passive: c.passive, declined: c.declined })}</dd>
                </div>
              ))}
            </dl>
            {s.goal_days == null ? (
              <p className="muted">{t('resident.noGoal')}</p>
            ) : (
              <ul className="goal-progress">
                {s.months.map((m) => (
                  <li key={m.month}>
                    <progress max={s.goal_days ?? 1} value={Math.min(m.active_days, s.goal_days ?? 0)} aria-hidden="true" />{' '}
                    {t('resident.goalProgress', { month: i.monthYear(`${m.month}-01`), done: m.active_days, goal: s.goal_days ?? 0 })}
                    {m.goal_met ? ' ✓' : ''}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loaded>
      <form onSubmit={onSubmit} noValidate className="inline-form">
        <TextField
          label={t('resident.goal')}
          inputMode="numeric"
          value={goal}
          onChange={(e) => setGoal(e.target.value.replace(/[^0-9]/g, ''))}
          error={fe.culture_goal_days}
        />
        <Button type="submit" variant="secondary" busy={save.isPending}>
          {t('resident.setGoal')}
        </Button>
        <ErrorAlert error={save.error} shownFields={['culture_goal_days']} />
        {save.isSuccess && <Alert kind="success">{t('common.saved')}</Alert>}
      </form>
    </section>
  );
}

function SummaryPanel({ residentId }: { residentId: string }) {
  const { t } = useI18n();
  const [lang, setLang] = useState<SummaryLang>('fi');
  const q = useCultureSummary(residentId, lang);
  const [copied, setCopied] = useState(false);
  const [copyError, setCopyError] = useState<unknown>(null);
  async function copy(text: string) {
    setCopied(false);
    setCopyError(null);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch (e) {
      setCopyError(e);
    }
  }
  return (
    <section aria-labelledby="summary-h" className="card">
      <h2 id="summary-h">{t('resident.summary')}</h2>
      <SelectField
        label={t('resident.summaryLang')}
        value={lang}
        onChange={(e) => {
          setCopied(false);
          setLang(e.target.value === 'sv' ? 'sv' : 'fi');
        }}
        options={[
          { value: 'fi', label: t('lang.fi') },
          { value: 'sv', label: t('lang.sv') },
        ]}
      />
      <Loaded q={q}>
        {(s) => (
          <>
            <pre className="culture-summary" lang={s.lang} aria-label={t('resident.summary')}>
              {s.text}
            </pre>
            <p className="muted">{t('resident.chars', { n: [...s.text].length })}</p>
            <Button onClick={() => copy(s.text)}>{t('resident.copy')}</Button>
            {copied && <Alert kind="success">{t('resident.copied')}</Alert>}
            <ErrorAlert error={copyError} />
          </>
        )}
      </Loaded>
    </section>
  );
}

function MatchesPanel({ residentId }: { residentId: string }) {
  const i = useI18n();
  const { t, tk } = i;
  const q = useUpcomingMatches(residentId);
  return (
    <section aria-labelledby="matches-h" className="card">
      <h2 id="matches-h">{t('resident.matches')}</h2>
      <Loaded q={q} isEmpty={(d) => !d.items.length} empty={<p className="muted">{t('resident.noMatches')}</p>}>
        {(d) => (
          <ul>
            {d.items.map((m) => (
              <li key={`${m.activity_id}-${m.starts_at}`}>
                <Link to={`/activities/${m.activity_id}`}>{m.title}</Link> · {i.dateLong(m.starts_at)} {i.time(m.starts_at)} · {tk('cat', m.category)}
                <span className="muted">
                  {m.category_match ? ` · ${t('resident.matchCategory')}` : ''}
                  {m.words.length ? ` · ${t('resident.matchWords', { words: m.words.join(', ') })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
