import { useState, type FormEvent } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { ApiError } from '@/lib/api/errors';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, TARGET_GROUPS, VISIBILITIES, enumOptions } from '@/lib/api/enums';
import { options, usePartners, useSeries, useUnits } from '@/lib/api/lookups';
import { useAuth } from '@/lib/auth/auth';
import { canCreate } from '@/lib/api/actions';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { useFieldErrors } from '@/components/ui/errors';
import { useSubmit } from '@/components/crud/useSubmit';
import { RecurrenceEditor } from './RecurrenceEditor';
import { toBody, type ActivityInput, type FormValues } from '../form';

const SHOWN = ['title', 'description', 'plain_language', 'plain_language.fi', 'plain_language.sv', 'category', 'status', 'starts_at', 'ends_at', 'recurrence', 'exdates', 'unit_ids', 'partner_ids', 'series_id', 'target_groups', 'accessibility', 'capacity', 'visibility', 'cost_estimate_cents'];

type Props = {
  initial: FormValues;
  /** save sends the body; it throws an ApiError on failure. */
  save: (body: ActivityInput) => Promise<unknown>;
  onCancel?: () => void;
  /** statuses limits the statuses a role may set (a mentor proposes). */
  statuses?: readonly string[];
  /** onReload loads the latest version after a 412 (someone else changed it). */
  onReload?: () => void;
};

/**
 * ActivityForm edits an activity. The values stay in the form whatever
 * happens: an API error is shown next to its field, a calendar clash next to
 * the times, and an expired session is renewed in place before saving again.
 */
export function ActivityForm({ initial, save, onCancel, statuses = ACTIVITY_STATUSES, onReload }: Props) {
  const { t, tk } = useI18n();
  const [v, setV] = useState<FormValues>(initial);
  const { local, error, busy, run } = useSubmit();
  const units = useUnits();
  const { me } = useAuth();
  // The units the caller may make an activity for (a mentor proposes for their own units only).
  const unitChoices = units.data?.filter((u) => canCreate(me, 'activity', u.id));
  const partners = usePartners();
  const series = useSeries();
  const set = <K extends keyof FormValues>(k: K, val: FormValues[K]) => setV((o) => ({ ...o, [k]: val }));

  // A 409 naming a "clash" is a calendar overlap (shown next to the times,
  // with "save anyway"); any other 409 is a plain error.
  const clash = error instanceof ApiError && error.status === 409 && error.problem.clash ? error : null;
  const fe: Record<string, string> = { ...useFieldErrors(clash ? null : error), ...local };

  function onSubmit(e: FormEvent, allowOverlap = false) {
    e.preventDefault();
    const r = toBody(v, { required: t('common.required'), endBeforeStart: t('form.endBeforeStart'), badMoney: t('form.badMoney') });
    void run(r, (body) => save(allowOverlap ? { ...body, allow_overlap: true } : body));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="activity-form">
      <div className="form-grid">
        <TextField className="span-all" label={t('activity.title')} required value={v.title} onChange={(e) => set('title', e.target.value)} error={fe.title} />
        <TextAreaField className="span-all" label={t('activity.description')} value={v.description} onChange={(e) => set('description', e.target.value)} error={fe.description} />
        <fieldset className="span-all field plain-language">
          <legend>{t('activity.plain')}</legend>
          <p className="field-help">{t('activity.plainHelp')}</p>
          <TextAreaField
            label={t('activity.plainFi')}
            lang="fi"
            maxLength={2000}
            value={v.plain_fi}
            onChange={(e) => set('plain_fi', e.target.value)}
            error={fe['plain_language.fi'] ?? fe.plain_language}
          />
          <TextAreaField label={t('activity.plainSv')} lang="sv" maxLength={2000} value={v.plain_sv} onChange={(e) => set('plain_sv', e.target.value)} error={fe['plain_language.sv']} />
        </fieldset>
        <SelectField label={t('activity.category')} value={v.category} onChange={(e) => set('category', e.target.value)} options={enumOptions(ACTIVITY_CATEGORIES, tk, 'cat')} error={fe.category} />
        <SelectField label={t('activity.status')} value={v.status} onChange={(e) => set('status', e.target.value)} options={enumOptions(statuses, tk, 'status')} error={fe.status} />
        <DateField label={t('activity.day')} required value={v.day} onChange={(d) => set('day', d)} error={fe.starts_at} />
        <TextField label={t('activity.startTime')} type="time" required value={v.start} onChange={(e) => set('start', e.target.value)} />
        <TextField label={t('activity.endTime')} type="time" required value={v.end} onChange={(e) => set('end', e.target.value)} error={fe.ends_at} />
      </div>
      {clash && (
        <Alert kind="warning" title={t('activity.clash')}>
          <p>{t('activity.clashText')}</p>
          {clash.problem.detail && <p>{clash.problem.detail}</p>}
          <ClashList problem={clash.problem} />
          <Button variant="secondary" busy={busy} onClick={(e) => void onSubmit(e, true)}>
            {t('activity.saveAnyway')}
          </Button>
        </Alert>
      )}
      <RecurrenceEditor
        start={v.day}
        value={v.rec}
        onChange={(r) => set('rec', r)}
        excluded={v.excluded}
        onExcludedChange={(d) => set('excluded', d)}
        error={fe.recurrence}
        excludedError={fe.exdates}
      />
      <CheckboxGroup legend={t('activity.units')} options={options(unitChoices)} value={v.unit_ids} onChange={(x) => set('unit_ids', x)} error={fe.unit_ids} />
      <CheckboxGroup legend={t('activity.partners')} options={options(partners.data)} value={v.partner_ids} onChange={(x) => set('partner_ids', x)} error={fe.partner_ids} />
      <CheckboxGroup legend={t('activity.targetGroups')} options={enumOptions(TARGET_GROUPS, tk, 'tg')} value={v.target_groups} onChange={(x) => set('target_groups', x)} error={fe.target_groups} />
      <div className="form-grid">
        <SelectField label={t('activity.series')} value={v.series_id} onChange={(e) => set('series_id', e.target.value)} options={options(series.data)} empty={t('common.none')} error={fe.series_id} />
        <SelectField label={t('activity.visibility')} value={v.visibility} onChange={(e) => set('visibility', e.target.value)} options={enumOptions(VISIBILITIES, tk, 'vis')} error={fe.visibility} />
        <TextField label={t('activity.capacity')} type="number" min={0} value={v.capacity} onChange={(e) => set('capacity', e.target.value)} error={fe.capacity} />
        <TextField label={t('activity.costEstimate')} inputMode="decimal" value={v.cost} onChange={(e) => set('cost', e.target.value)} error={fe.cost_estimate_cents} />
        <TextAreaField className="span-all" label={t('activity.accessibility')} value={v.accessibility} onChange={(e) => set('accessibility', e.target.value)} error={fe.accessibility} />
      </div>
      {Object.keys(local).length > 0 && <Alert kind="error">{t('problem.validation')}</Alert>}
      {!clash && <ErrorAlert error={error} shownFields={SHOWN} />}
      {error instanceof ApiError && error.status === 412 && onReload && (
        <Button variant="secondary" onClick={onReload}>
          {t('action.reload')}
        </Button>
      )}
      <div className="form-actions">
        <Button type="submit" size="large" busy={busy}>
          {busy ? t('action.saving') : t('action.save')}
        </Button>
        {onCancel && (
          <Button variant="secondary" size="large" onClick={onCancel}>
            {t('action.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}

/** ClashList lists the clashing activities a 409 problem names, if any. */
export function ClashList({ problem }: { problem: Record<string, unknown> }) {
  const { dateTime } = useI18n();
  const raw = (problem.clashes ?? problem.clash ?? []) as unknown;
  const list = (Array.isArray(raw) ? raw : [raw]).filter((x) => x && typeof x === 'object') as Record<string, unknown>[];
  if (!list.length) return null;
  return (
    <ul>
      {list.map((c, i) => (
        <li key={i}>
          <strong>{String(c.title ?? c.activity_title ?? '')}</strong> {dateTime(c.starts_at as string)}–{dateTime(c.ends_at as string).split(' ').at(-1)}
        </li>
      ))}
    </ul>
  );
}
