import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { download } from '@/lib/api/client';
import { addMonths, today } from '@/lib/i18n/dates';
import { SelectField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useActivityReport, type GroupBy } from '../api/reports';

const GROUPS: GroupBy[] = ['unit', 'category', 'month', 'partner', 'target_group'];

/** ReportsPage shows occurrences, participants and mean feedback grouped as chosen. */
export function ReportsPage() {
  const i = useI18n();
  const { t, tk } = i;
  const [from, setFrom] = useState(addMonths(today(), -12));
  const [to, setTo] = useState(today());
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');
  const [dlError, setDlError] = useState<unknown>(null);
  const q = useActivityReport(from, to, groupBy);
  const r = q.data;
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
    <>
      <PageHeader title={t('reports.title')}>
        <Button variant="secondary" onClick={csv}>
          {t('budget.csv')}
        </Button>
      </PageHeader>
      <ErrorAlert error={dlError} />
      <div className="filters">
        <DateField label={t('common.from')} value={from} onChange={(d) => setFrom(d)} />
        <DateField label={t('common.to')} value={to} onChange={(d) => setTo(d)} />
        <SelectField label={t('reports.groupBy')} value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)} options={GROUPS.map((g) => ({ value: g, label: t(`gb.${g}`) }))} />
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : !r?.groups.length ? (
        <Empty />
      ) : (
        <>
          <p>
            {t('reports.unitsReached', { n: r.totals.units_reached, total: r.units_total, pct: i.percent(r.totals.units_reached_share_bp) })}
          </p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t(`gb.${groupBy}`)}</th>
                  <th scope="col" className="num">
                    {t('reports.occurrences')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.participants')}
                  </th>
                  <th scope="col" className="num">
                    {t('att.residents')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.feedback')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{label(g.key, g.label)}</th>
                    <td className="num">{i.number(g.occurrences)}</td>
                    <td className="num">{i.number(g.participants.total)}</td>
                    <td className="num">{i.number(g.participants.residents)}</td>
                    <td className="num">{g.feedback_mean != null ? i.number(g.feedback_mean, 1) : '–'}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>{t('common.total')}</td>
                  <td className="num">{i.number(r.totals.occurrences)}</td>
                  <td className="num">{i.number(r.totals.participants.total)}</td>
                  <td className="num">{i.number(r.totals.participants.residents)}</td>
                  <td className="num">{r.totals.feedback_mean != null ? i.number(r.totals.feedback_mean, 1) : '–'}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </>
  );
}
