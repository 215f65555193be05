import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n, type MessageKey } from '@/lib/i18n/i18n';
import { addDays, today } from '@/lib/i18n/dates';
import { ApiError } from '@/lib/api/errors';
import { apiMessage } from '@/lib/i18n/apiMessages';
import { SelectField, TextAreaField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { Alert, ErrorAlert } from '@/components/ui/Alert';
import { Loading, PageHeader } from '@/components/ui/misc';
import { useActivity, useAttendance, useOccurrences, useRecordAttendance } from '../api/activities';

const COUNTS = ['residents', 'staff', 'volunteers', 'relatives'] as const;
type CountKey = (typeof COUNTS)[number];

/**
 * AttendancePage records who took part in one occurrence. It is made for a
 * tablet in a care home: big counters with plus and minus, big feedback
 * buttons, and nothing typed is lost when saving fails.
 */
export function AttendancePage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const i = useI18n();
  const { t } = i;
  const activity = useActivity(id);
  const occ = useOccurrences(id, addDays(today(), -120), addDays(today(), 14));
  const recorded = useAttendance(id);
  const record = useRecordAttendance(id!);
  const occurrences = useMemo(
    // Attendance is keyed by the occurrence's original start (its RECURRENCE-ID).
    () => (((occ.data as { items?: { starts_at: string; original_start?: string }[] } | undefined)?.items ?? []).map((o) => o.original_start ?? o.starts_at)),
    [occ.data],
  );
  const [occurrence, setOccurrence] = useState(params.get('occurrence') ?? '');
  const [counts, setCounts] = useState<Record<CountKey, number>>({ residents: 0, staff: 0, volunteers: 0, relatives: 0 });
  const [feedback, setFeedback] = useState<number | null>(null);
  const [notes, setNotes] = useState('');
  const [saved, setSaved] = useState(false);

  // Default to the latest occurrence that has started.
  useEffect(() => {
    if (occurrence || occurrences.length === 0) return;
    const now = new Date().toISOString();
    const past = occurrences.filter((o) => new Date(o).toISOString() <= now);
    setOccurrence(past.at(-1) ?? occurrences[0]);
  }, [occurrences, occurrence]);

  const records = ((recorded.data as { items?: Record<string, unknown>[] } | undefined)?.items ?? []) as Record<string, unknown>[];
  // Prefill from what was recorded for this occurrence before.
  useEffect(() => {
    const r = records.find((x) => sameInstant(x.occurrence_start as string, occurrence));
    if (r) {
      setCounts({ residents: Number(r.residents ?? 0), staff: Number(r.staff ?? 0), volunteers: Number(r.volunteers ?? 0), relatives: Number(r.relatives ?? 0) });
      setFeedback((r.feedback as number | null) ?? null);
      setNotes(String(r.notes ?? ''));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [occurrence, recorded.data]);

  if (activity.isLoading) return <Loading />;
  if (activity.error) return <ErrorAlert error={activity.error} />;
  const a = activity.data as { title?: string };
  const fe = record.error instanceof ApiError ? record.error.fieldErrors : {};
  const options = [...new Set(occurrence && !occurrences.some((o) => sameInstant(o, occurrence)) ? [occurrence, ...occurrences] : occurrences)].map((o) => ({
    value: o,
    label: `${i.dateLong(o)} ${i.time(o)}`,
  }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    try {
      const existing = records.find((x) => sameInstant(x.occurrence_start as string, occurrence)) as { id: string; version?: number } | undefined;
      await record.mutateAsync({ body: { occurrence_start: occurrence, ...counts, feedback, notes }, existing });
      setSaved(true);
    } catch {
      /* shown below; the values stay */
    }
  }
  const bump = (k: CountKey, d: number) => {
    setSaved(false);
    setCounts((c) => ({ ...c, [k]: Math.max(0, c[k] + d) }));
  };

  return (
    <div className="attendance">
      <PageHeader title={t('att.title')}>
        <Link to={`/activities/${id}`}>{a.title}</Link>
      </PageHeader>
      <form onSubmit={onSubmit} noValidate>
        <SelectField label={t('att.occurrence')} value={occurrence} onChange={(e) => setOccurrence(e.target.value)} options={options} empty={options.length ? undefined : t('att.pick')} error={fe.occurrence_start} />
        {COUNTS.map((k) => {
          const label = t(`att.${k}` as MessageKey);
          const inputId = `count-${k}`;
          return (
            <div className="counter" key={k}>
              <label className="counter-label" htmlFor={inputId}>
                {label}
              </label>
              <Button variant="secondary" aria-label={t('att.decrease', { what: label })} onClick={() => bump(k, -1)} disabled={counts[k] === 0}>
                −
              </Button>
              <input
                id={inputId}
                type="number"
                inputMode="numeric"
                min={0}
                value={String(counts[k])}
                aria-invalid={fe[k] ? true : undefined}
                aria-describedby={fe[k] ? `${inputId}-err` : undefined}
                onChange={(e) => setCounts((c) => ({ ...c, [k]: Math.max(0, parseInt(e.target.value || '0', 10) || 0) }))}
              />
              <Button variant="secondary" aria-label={t('att.increase', { what: label })} onClick={() => bump(k, 1)}>
                +
              </Button>
              {fe[k] && (
                <p className="field-error" id={`${inputId}-err`} style={{ gridColumn: '1 / -1' }}>
                  {apiMessage(fe[k], i.locale)}
                </p>
              )}
            </div>
          );
        })}
        <fieldset className="field" style={{ marginTop: '1rem' }}>
          <legend>{t('att.feedback')}</legend>
          <div className="stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name="feedback" value={n} checked={feedback === n} onChange={() => setFeedback(n)} aria-label={t('att.feedbackN', { n })} />
                {n}
              </label>
            ))}
          </div>
          {fe.feedback && <p className="field-error">{apiMessage(fe.feedback, i.locale)}</p>}
        </fieldset>
        <TextAreaField label={t('att.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} error={fe.notes} />
        <ErrorAlert error={record.error} shownFields={['occurrence_start', ...COUNTS, 'feedback', 'notes']} />
        {saved && <Alert kind="success">{t('att.saved')}</Alert>}
        <Button type="submit" size="large" className="btn-block" busy={record.isPending} disabled={!occurrence}>
          {record.isPending ? t('action.saving') : t('action.save')}
        </Button>
      </form>
      <h2>{t('att.recorded')}</h2>
      {records.length === 0 ? (
        <p className="muted">{t('att.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('att.occurrence')}</th>
                {COUNTS.map((k) => (
                  <th scope="col" className="num" key={k}>
                    {t(`att.${k}` as MessageKey)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('att.feedback')}
                </th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={String(r.id ?? r.occurrence_start)}>
                  <td>{i.dateTime(r.occurrence_start as string)}</td>
                  {COUNTS.map((k) => (
                    <td className="num" key={k}>
                      {String(r[k] ?? 0)}
                    </td>
                  ))}
                  <td className="num">{r.feedback != null ? String(r.feedback) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function sameInstant(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && new Date(a).getTime() === new Date(b).getTime();
}
