import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { nameOf, usePartners, useUnits } from '@/lib/api/lookups';
import { addMonths, today } from '@/lib/i18n/dates';
import { SelectField, TextField } from '@/components/ui/Field';
import { ErrorAlert } from '@/components/ui/Alert';
import { Empty, Loading, PageHeader } from '@/components/ui/misc';
import { useActivityReport } from '../api/reports';

const GROUPS = ['unit', 'category', 'month', 'partner'] as const;

/** ReportsPage shows occurrences, participants and mean feedback grouped as chosen. */
export function ReportsPage() {
  const i = useI18n();
  const { t, tk } = i;
  const [from, setFrom] = useState(addMonths(today(), -12));
  const [to, setTo] = useState(today());
  const [groupBy, setGroupBy] = useState<string>('unit');
  const q = useActivityReport(from, to, groupBy);
  const units = useUnits();
  const partners = usePartners();
  const label = (r: Record<string, unknown>) => {
    const key = String(r.key ?? r.unit_id ?? r.category ?? r.month ?? r.partner_id ?? '');
    if (r.label) return String(r.label);
    if (groupBy === 'unit') return nameOf(units.data, key) || key;
    if (groupBy === 'partner') return nameOf(partners.data, key) || key;
    if (groupBy === 'category') return tk('cat', key);
    if (groupBy === 'month') return i.monthYear(`${key.slice(0, 7)}-01`);
    return key;
  };
  return (
    <>
      <PageHeader title={t('reports.title')} />
      <div className="filters">
        <TextField label={t('common.from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('common.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <SelectField label={t('reports.groupBy')} value={groupBy} onChange={(e) => setGroupBy(e.target.value)} options={GROUPS.map((g) => ({ value: g, label: t(`gb.${g}`) }))} />
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data?.length ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t(`gb.${groupBy}` as 'gb.unit')}</th>
                <th scope="col" className="num">
                  {t('reports.occurrences')}
                </th>
                <th scope="col" className="num">
                  {t('reports.participants')}
                </th>
                <th scope="col" className="num">
                  {t('reports.feedback')}
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((r, k) => (
                <tr key={k}>
                  <th scope="row">{label(r)}</th>
                  <td className="num">{i.number(r.occurrences)}</td>
                  <td className="num">{i.number(r.participants)}</td>
                  <td className="num">{r.mean_feedback != null ? i.number(r.mean_feedback, 1) : '–'}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>{t('common.total')}</td>
                <td className="num">{i.number(q.data.reduce((a, r) => a + (r.occurrences ?? 0), 0))}</td>
                <td className="num">{i.number(q.data.reduce((a, r) => a + (r.participants ?? 0), 0))}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
