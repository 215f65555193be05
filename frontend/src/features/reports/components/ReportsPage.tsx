import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { REPORT_GROUPS, oneOf } from '@/lib/api/enums';
import { download } from '@/lib/api/client';
import { addMonths, today } from '@/lib/i18n/dates';
import { SelectField } from '@/components/ui/Field';
import { DateField } from '@/components/ui/DateField';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loaded, PageHeader } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { useActivityReport, type GroupBy } from '../api/reports';


/** ReportsPage shows occurrences, participants and mean feedback grouped as chosen. */
export function ReportsPage() {
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
        <SelectField label={t('reports.groupBy')} value={groupBy} onChange={(e) => setGroupBy(oneOf(REPORT_GROUPS, e.target.value) ?? 'unit')} options={REPORT_GROUPS.map((g) => ({ value: g, label: t(`gb.${g}`) }))} />
      </div>
      <Loaded q={q} isEmpty={(r) => !r.groups.length}>
        {(r) => (
          <>
            <p>{t('reports.unitsReached', { n: r.totals.units_reached, total: r.units_total, pct: i.percent(r.totals.units_reached_share_bp) })}</p>
            <DataTable
              caption={t('reports.title')}
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
    </>
  );
}
