import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { REPORT_GROUPS, oneOf } from '@/lib/api/enums';
import { download } from '@/lib/api/client';
import { addMonths, today } from '@/lib/i18n/dates';
import { isLocale } from '@/lib/i18n/format';
import { SelectField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Loaded, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { downloadAnnualReport, useActivityReport, useAdoption, useIndicators, type AnnualFormat, type AnnualLang, type GroupBy, type Indicators } from '../api/reports';
import { FeedbackChart, GroupChart, ParticipationChart, ReachChart, useRatio } from './IndicatorCharts';

const LANGS: AnnualLang[] = ['fi', 'sv', 'en'];

/**
 * ReportsPage is the evidence that the model works, for a calendar year: the annual report to download,
 * the indicators, the charts (each with its table), the producer's adoption view, and below them the
 * activity report of any range grouped as chosen.
 */
export function ReportsPage() {
  const i = useI18n();
  const { t } = i;
  const { role } = useAuth();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const q = useIndicators(year);
  const seesAdoption = role === 'producer' || role === 'admin';
  return (
    <>
      <PageHeader title={t('reports.title')} />
      <div className="filters">
        <SelectField
          label={t('reports.year')}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value))}
          options={Array.from({ length: 5 }, (_, n) => thisYear - n).map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      <AnnualReport year={year} />
      <Loaded q={q}>
        {(r) => (
          <>
            <IndicatorPanel r={r} />
            <ParticipationChart months={r.months} />
            <ReachChart units={r.units} />
            <GroupChart id="categories" groups={r.categories} title={t('charts.categoriesTitle')} label={t('charts.categoriesLabel')} groupLabel={t('gb.category')} keyLabel={(k) => i.tk('cat', k)} />
            <GroupChart
              id="target-groups"
              groups={r.target_groups}
              title={t('charts.targetGroupsTitle')}
              label={t('charts.targetGroupsLabel')}
              groupLabel={t('gb.target_group')}
              keyLabel={(k) => (k ? i.tk('tg', k) : t('common.none'))}
            />
            <FeedbackChart distribution={r.feedback.distribution} mean={r.feedback.mean} />
          </>
        )}
      </Loaded>
      {seesAdoption && <AdoptionSection year={year} />}
      <ActivityReportSection />
    </>
  );
}

/** AnnualReport downloads the year's annual report as PDF or XLSX in the language the reader needs. */
function AnnualReport({ year }: { year: number }) {
  const { t, locale } = useI18n();
  const [lang, setLang] = useState<AnnualLang>(isLocale(locale) ? locale : 'fi');
  const [busy, setBusy] = useState<AnnualFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const get = async (format: AnnualFormat) => {
    setError(null);
    setBusy(format);
    try {
      await downloadAnnualReport(format, year, lang);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card annual" aria-labelledby="annual-h">
      <h2 id="annual-h">{t('annual.title', { year })}</h2>
      <p className="small muted">{t('annual.help')}</p>
      <div className="filters">
        <SelectField
          label={t('annual.lang')}
          value={lang}
          onChange={(e) => setLang(LANGS.find((l) => l === e.target.value) ?? 'fi')}
          options={LANGS.map((l) => ({ value: l, label: t(`annual.lang.${l}`) }))}
        />
        <Button variant="secondary" busy={busy === 'pdf'} onClick={() => void get('pdf')}>
          {t('annual.pdf')}
        </Button>
        <Button variant="secondary" busy={busy === 'xlsx'} onClick={() => void get('xlsx')}>
          {t('annual.xlsx')}
        </Button>
      </div>
      <ErrorAlert error={error} />
    </section>
  );
}

/** IndicatorPanel shows the indicators a welfare report takes, each with its numerator and denominator. */
function IndicatorPanel({ r }: { r: Indicators }) {
  const i = useI18n();
  const { t } = i;
  const ratio = useRatio();
  const pct = (bp: number | null | undefined) => (bp != null ? i.percent(bp) : '–');
  const items: { key: string; label: string; value: string; detail: string }[] = [
    { key: 'units', label: t('ind.unitsReached'), value: pct(r.units_reached.share_bp), detail: t('ind.unitsReachedOf', { n: i.number(r.units_reached.numerator), total: i.number(r.units_reached.denominator) }) },
    {
      key: 'per100',
      label: t('ind.per100'),
      value: r.occurrences_per_100_places.per_100 != null ? i.number(r.occurrences_per_100_places.per_100, 2) : '–',
      detail: t('ind.per100Of', { n: i.number(r.occurrences_per_100_places.numerator), places: i.number(r.occurrences_per_100_places.denominator) }),
    },
    { key: 'participants', label: t('charts.participants'), value: i.number(r.participants.total), detail: t('ind.participantsOf', { residents: i.number(r.participants.residents), occurrences: i.number(r.occurrences) }) },
    { key: 'volunteers', label: t('ind.volunteers'), value: i.number(r.volunteers.numerator), detail: ratio(r.volunteers) },
    { key: 'ideas', label: t('ind.ideas'), value: pct(r.ideas_fulfilled.share_bp), detail: t('ind.ideasOf', { n: i.number(r.ideas_fulfilled.numerator), total: i.number(r.ideas_fulfilled.denominator) }) },
    { key: 'feedback', label: t('ind.feedback'), value: r.feedback.mean != null ? i.number(r.feedback.mean, 2) : '–', detail: t('ind.feedbackOf', { n: i.number(r.feedback.denominator) }) },
    ...(r.residents_active.units > 0
      ? [
          {
            key: 'residents',
            label: t('ind.residentsActive'),
            value: r.residents_active.suppressed ? '< 3' : pct(r.residents_active.share_bp),
            detail: r.residents_active.suppressed
              ? t('ind.residentsSuppressed', { units: i.number(r.residents_active.units) })
              : t('ind.residentsActiveOf', { n: i.number(r.residents_active.numerator), total: i.number(r.residents_active.denominator), units: i.number(r.residents_active.units) }),
          },
        ]
      : []),
    ...r.partner_sectors.map((p) => ({
      key: `sector-${p.sector}`,
      label: t('ind.partners', { sector: i.tk('sector', p.sector) }),
      value: i.number(p.partners.numerator),
      detail: t('ind.partnersOf', { total: i.number(p.partners.denominator), occurrences: i.number(p.occurrences) }),
    })),
  ];
  return (
    <section aria-labelledby="ind-h" data-testid="indicators">
      <h2 id="ind-h">{t('ind.title')}</h2>
      <p className="small muted">{t('ind.help')}</p>
      <dl className="indicators">
        {items.map((x) => (
          <div className="indicator card" key={x.key}>
            <dt>{x.label}</dt>
            <dd>
              <span className="indicator-value">{x.value}</span>
              <span className="small muted">{x.detail}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** AdoptionSection: per unit, how well attendance is recorded; the lowest fifth highlighted (producer and admins). */
function AdoptionSection({ year }: { year: number }) {
  const i = useI18n();
  const { t } = i;
  const ratio = useRatio();
  const q = useAdoption(year);
  return (
    <section className="card" aria-labelledby="adoption-h" data-testid="adoption">
      <h2 id="adoption-h">{t('adoption.title')}</h2>
      <p className="small muted">{t('adoption.help')}</p>
      <Loaded q={q} isEmpty={(a) => !a.units.length}>
        {(a) => (
          <>
            <p>{t('adoption.overall', { recorded: ratio(a.attendance_recorded), n: a.lowest_fifth_count })}</p>
            <DataTable
              caption={t('adoption.title')}
              rows={a.units}
              rowKey={(u) => u.unit_id}
              rowClass={(u) => (u.lowest_fifth ? 'row-alert' : undefined)}
              columns={[
                {
                  label: t('reach.unit'),
                  render: (u) => (
                    <>
                      {u.name} {u.lowest_fifth && <Badge tone="bad">{t('adoption.lowest')}</Badge>}
                    </>
                  ),
                },
                { label: t('ind.attendanceRecorded'), render: (u) => (u.attendance_recorded.denominator ? ratio(u.attendance_recorded) : t('adoption.nothingYet')), num: true, nowrap: true },
                { label: t('adoption.last'), render: (u) => (u.last_recorded_at ? i.date(u.last_recorded_at) : t('reach.never')), nowrap: true },
              ]}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}

/** ActivityReportSection: occurrences, participants and mean feedback of a range, grouped as chosen, with CSV. */
function ActivityReportSection() {
  const i = useI18n();
  const { t, tk } = i;
  const [from, setFrom] = useState(addMonths(today(), -12));
  const [to, setTo] = useState(today());
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');
  const [dlError, setDlError] = useState<unknown>(null);
  const q = useActivityReport(from, to, groupBy);
  const label = (key: string, l: string) => {
    if (groupBy === 'category') return tk('cat', key);
    if (groupBy === 'target_group') return key ? tk('tg', key) : t('common.none');
    if (groupBy === 'month') return i.monthYear(`${key}-01`);
    return l || key || t('common.none');
  };
  const csv = async () => {
    setDlError(null);
    try {
      await download(`/reports/activities.csv?from=${from}&to=${to}&group_by=${groupBy}&separator=${i.csvSeparator}`, `activities-${groupBy}-${from}-${to}.csv`);
    } catch (e) {
      setDlError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="activity-report-h">
      <div className="page-header">
        <h2 id="activity-report-h">{t('reports.activityTitle')}</h2>
        <div className="page-actions">
          <Button variant="secondary" onClick={csv}>
            {t('budget.csv')}
          </Button>
        </div>
      </div>
      <ErrorAlert error={dlError} />
      <div className="filters">
        <DateField label={t('common.from')} value={from} onChange={(d) => setFrom(d)} />
        <DateField label={t('common.to')} value={to} onChange={(d) => setTo(d)} />
        <SelectField label={t('reports.groupBy')} value={groupBy} onChange={(e) => setGroupBy(oneOf(REPORT_GROUPS, e.target.value) ?? 'unit')} options={REPORT_GROUPS.map((g) => ({ value: g, label: t(`gb.${g}`) }))} />
      </div>
      <Loaded q={q} isEmpty={(r) => !r.groups.length}>
        {(r) => (
          <>
            <p>{t('reports.unitsReached', { n: r.totals.units_reached, total: r.units_total, pct: i.percent(r.totals.units_reached_share_bp) })}</p>
            <DataTable
              caption={t('reports.activityTitle')}
              rows={r.groups}
              rowKey={(g) => g.key}
              columns={[
                { label: t(`gb.${groupBy}`), render: (g) => label(g.key, g.label) },
                { label: t('reports.occurrences'), render: (g) => i.number(g.occurrences), num: true },
                { label: t('reports.participants'), render: (g) => i.number(g.participants.total), num: true },
                { label: t('att.residents'), render: (g) => i.number(g.participants.residents), num: true },
                { label: t('reports.feedback'), render: (g) => (g.feedback_mean != null ? i.number(g.feedback_mean, 1) : '–'), num: true },
              ]}
              footer={
                <tr>
                  <th scope="row">{t('common.total')}</th>
                  <td className="num">{i.number(r.totals.occurrences)}</td>
                  <td className="num">{i.number(r.totals.participants.total)}</td>
                  <td className="num">{i.number(r.totals.participants.residents)}</td>
                  <td className="num">{r.totals.feedback_mean != null ? i.number(r.totals.feedback_mean, 1) : '–'}</td>
                </tr>
              }
            />
          </>
        )}
      </Loaded>
    </section>
  );
}
