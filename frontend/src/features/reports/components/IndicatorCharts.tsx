// The charts of a year's indicators, each beside a table of the same figures: participation per month (a
// line), reach by unit (bars, the units left out standing out in colour and in words), occurrences and
// participants by category and by target group, and the distribution of feedback.
import { useMemo, type ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { today } from '@/lib/i18n/dates';
import { Badge } from '@/components/ui/misc';
import { DataTable } from '@/components/ui/DataTable';
import { ALERT, EChart, PALETTE, SYMBOLS, type ChartOption } from '@/components/charts/EChart';
import type { GroupIndicator, MonthIndicator, Ratio, UnitIndicator } from '../api/reports';

/** ChartSection is a chart with its table beside it, under one heading. */
function ChartSection({ id, title, help, chart, table }: { id: string; title: string; help?: string; chart: ReactNode; table: ReactNode }) {
  return (
    <section className="chart-section card" aria-labelledby={`${id}-h`} data-testid={`chart-${id}`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {help && <p className="small muted">{help}</p>}
      <div className="chart-pair">
        {chart}
        <div className="chart-table">{table}</div>
      </div>
    </section>
  );
}

/** useRatio writes a ratio as "n / N (p %)", or "n / 0" when there is nothing to divide by. */
export function useRatio() {
  const i = useI18n();
  return (r: Ratio) => `${i.number(r.numerator)} / ${i.number(r.denominator)}${r.share_bp != null ? ` (${i.percent(r.share_bp)})` : ''}`;
}

/**
 * splitAt splits a line's values at the first month not yet over: done keeps the months before it, planned
 * the rest, from the last month done on so the two parts meet. Each is null where it is not drawn.
 */
export function splitAt(values: number[], first: number): { done: (number | null)[]; planned: (number | null)[] } {
  return {
    done: values.map((v, n) => (n < first ? v : null)),
    planned: values.map((v, n) => (first < values.length && n >= first - 1 ? v : null)),
  };
}

/** firstNotOver is the index of the first month (YYYY-MM) not yet over on day (YYYY-MM-DD); months.length if none. */
export function firstNotOver(months: string[], day: string): number {
  const n = months.findIndex((m) => m >= day.slice(0, 7));
  return n < 0 ? months.length : n;
}

const escapeHTML = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * ParticipationChart: participants and residents per month as lines (residents dashed). The months not yet
 * over (this one and later) show what is planned: that part of each line is dotted, and the table and the
 * point read out say so.
 */
export function ParticipationChart({ months }: { months: MonthIndicator[] }) {
  const i = useI18n();
  const { t } = i;
  const ratio = useRatio();
  const labels = months.map((m) => i.monthYear(`${m.month}-01`));
  const first = firstNotOver(
    months.map((m) => m.month),
    today(),
  );
  const planned = t('charts.planned');
  const option = useMemo<ChartOption>(() => {
    const participants = splitAt(
      months.map((m) => m.participants.total),
      first,
    );
    const residents = splitAt(
      months.map((m) => m.participants.residents),
      first,
    );
    const line = (name: string, n: 0 | 1, data: (number | null)[], dash: 'solid' | 'dashed' | 'dotted') => ({
      type: 'line' as const,
      name,
      data,
      symbol: SYMBOLS[n],
      symbolSize: n === 0 ? 8 : 9,
      itemStyle: { color: PALETTE[n] },
      lineStyle: { color: PALETTE[n], type: dash },
    });
    return {
      grid: { left: 48, right: 16, top: 40, bottom: 56 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        // One line per series name: the done and planned parts of a line meet in one month.
        formatter: (params: unknown) => {
          const list = (Array.isArray(params) ? params : [params]) as { seriesName: string; value: unknown; marker: string; dataIndex: number }[];
          const seen = new Set<string>();
          const rows = list
            .filter((p) => p.value != null && p.value !== '-' && !seen.has(p.seriesName) && seen.add(p.seriesName))
            .map((p) => `${p.marker}${escapeHTML(p.seriesName)}: ${escapeHTML(i.number(Number(p.value)))}`);
          const n = list[0]?.dataIndex ?? 0;
          return [escapeHTML(labels[n] + (n >= first ? ` (${planned})` : '')), ...rows].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: 45 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        line(t('charts.participants'), 0, participants.done, 'solid'),
        line(t('att.residents'), 1, residents.done, 'dashed'),
        line(t('charts.participants'), 0, participants.planned, 'dotted'),
        line(t('att.residents'), 1, residents.planned, 'dotted'),
      ],
    };
  }, [months, labels, t, i, first, planned]);
  const points = months.map((m, n) => ({
    seriesIndex: n < first ? 0 : 2,
    dataIndex: n,
    text:
      t('charts.monthPoint', { month: labels[n], participants: i.number(m.participants.total), residents: i.number(m.participants.residents), occurrences: i.number(m.occurrences) }) +
      (n >= first ? ` (${planned})` : ''),
  }));
  return (
    <ChartSection
      id="months"
      title={t('charts.monthsTitle')}
      help={t('charts.monthsHelp')}
      chart={<EChart option={option} label={t('charts.monthsLabel')} points={points} keyHint={t('charts.keyHint')} testId="echart-months" />}
      table={
        <DataTable
          caption={t('charts.monthsTitle')}
          rows={months}
          rowKey={(m) => m.month}
          columns={[
            {
              label: t('gb.month'),
              render: (m) => (
                <>
                  {i.monthYear(`${m.month}-01`)}
                  {months.indexOf(m) >= first && <span className="muted small"> ({planned})</span>}
                </>
              ),
              nowrap: true,
            },
            { label: t('reports.occurrences'), render: (m) => i.number(m.occurrences), num: true },
            { label: t('charts.participants'), render: (m) => i.number(m.participants.total), num: true },
            { label: t('att.residents'), render: (m) => i.number(m.participants.residents), num: true },
            { label: t('ind.unitsReached'), render: (m) => ratio(m.units_reached), num: true, nowrap: true },
          ]}
        />
      }
    />
  );
}

/** ReachChart: occurrences per active unit as bars, the units left out first and marked in words and colour. */
export function ReachChart({ units }: { units: UnitIndicator[] }) {
  const i = useI18n();
  const { t, tk } = i;
  const ratio = useRatio();
  const sorted = useMemo(() => [...units].sort((a, b) => a.occurrences - b.occurrences || a.name.localeCompare(b.name)), [units]);
  const leftOut = t('charts.leftOut');
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map((u) => u.name),
        axisLabel: {
          formatter: (name: string, n: number) => (sorted[n]?.occurrences === 0 ? `{out|⚠ ${name}}` : name),
          rich: { out: { color: ALERT, fontWeight: 'bold' } },
        },
      },
      series: [
        {
          type: 'bar',
          name: t('reports.occurrences'),
          data: sorted.map((u) => (u.occurrences === 0 ? { value: 0, itemStyle: { color: ALERT } } : u.occurrences)),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number; value: unknown }) => (sorted[p.dataIndex]?.occurrences === 0 ? leftOut : i.number(Number(p.value))),
            color: '#1f2937',
          },
          itemStyle: { color: PALETTE[0] },
        },
      ],
    }),
    [sorted, t, i, leftOut],
  );
  const points = sorted.map((u, n) => ({
    seriesIndex: 0,
    dataIndex: n,
    text: u.occurrences === 0 ? `${u.name}: ${leftOut}` : t('charts.unitPoint', { unit: u.name, occurrences: i.number(u.occurrences), participants: i.number(u.participants.total) }),
  }));
  const out = sorted.filter((u) => u.occurrences === 0).length;
  return (
    <ChartSection
      id="reach"
      title={t('charts.reachTitle')}
      help={out ? t('charts.reachLeftOut', { n: out }) : t('charts.reachAll')}
      chart={<EChart option={option} label={t('charts.reachLabel')} points={points} keyHint={t('charts.keyHint')} height={48 + 30 * sorted.length} testId="echart-reach" />}
      table={
        <DataTable
          caption={t('charts.reachTitle')}
          rows={sorted}
          rowKey={(u) => u.unit_id}
          rowClass={(u) => (u.occurrences === 0 ? 'row-alert' : undefined)}
          columns={[
            {
              label: t('reach.unit'),
              render: (u) => (
                <>
                  {u.name} {u.occurrences === 0 && <Badge tone="bad">{leftOut}</Badge>}
                </>
              ),
            },
            { label: t('unit.kind'), render: (u) => tk('uk', u.kind) },
            { label: t('reports.occurrences'), render: (u) => i.number(u.occurrences), num: true },
            { label: t('charts.participants'), render: (u) => i.number(u.participants.total), num: true },
            { label: t('ind.attendanceRecorded'), render: (u) => ratio(u.attendance_recorded), num: true, nowrap: true },
          ]}
        />
      }
    />
  );
}

/** GroupChart: occurrences and participants by category or by target group, two bar panels side by side. */
export function GroupChart({ id, groups, title, label, groupLabel, keyLabel }: { id: string; groups: GroupIndicator[]; title: string; label: string; groupLabel: string; keyLabel: (key: string) => string }) {
  const i = useI18n();
  const { t } = i;
  const names = groups.map((g) => keyLabel(g.key));
  const option = useMemo<ChartOption>(
    () => ({
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: [
        { left: 8, width: '42%', top: 32, bottom: 24, containLabel: true },
        { right: 24, width: '36%', top: 32, bottom: 24, containLabel: true },
      ],
      xAxis: [
        { type: 'value', gridIndex: 0, minInterval: 1 },
        { type: 'value', gridIndex: 1, minInterval: 1 },
      ],
      yAxis: [
        { type: 'category', gridIndex: 0, inverse: true, data: names },
        { type: 'category', gridIndex: 1, inverse: true, data: names, axisLabel: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('reports.occurrences'), xAxisIndex: 0, yAxisIndex: 0, data: groups.map((g) => g.occurrences) },
        { type: 'bar', name: t('charts.participants'), xAxisIndex: 1, yAxisIndex: 1, data: groups.map((g) => g.participants.total) },
      ],
    }),
    [groups, names, t],
  );
  const points = groups.map((g, n) => ({
    seriesIndex: 0,
    dataIndex: n,
    text: t('charts.groupPoint', { group: names[n], occurrences: i.number(g.occurrences), participants: i.number(g.participants.total) }),
  }));
  return (
    <ChartSection
      id={id}
      title={title}
      help={id === 'target-groups' ? t('charts.targetGroupsHelp') : undefined}
      chart={<EChart option={option} label={label} points={points} keyHint={t('charts.keyHint')} height={64 + 30 * groups.length} testId={`echart-${id}`} />}
      table={
        <DataTable
          caption={title}
          rows={groups}
          rowKey={(g) => g.key || '-'}
          columns={[
            { label: groupLabel, render: (g) => keyLabel(g.key) },
            { label: t('reports.occurrences'), render: (g) => i.number(g.occurrences), num: true },
            { label: t('charts.participants'), render: (g) => i.number(g.participants.total), num: true },
            { label: t('charts.shareOfParticipants'), render: (g) => (g.share.share_bp != null ? i.percent(g.share.share_bp) : '–'), num: true },
          ]}
        />
      }
    />
  );
}

/** FeedbackChart: how many occurrences got each grade of feedback (1–5). */
export function FeedbackChart({ distribution, mean }: { distribution: number[]; mean: number | null }) {
  const i = useI18n();
  const { t } = i;
  const total = distribution.reduce((s, n) => s + n, 0);
  const grades = distribution.map((n, k) => ({ grade: k + 1, n }));
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'category', data: grades.map((g) => String(g.grade)), name: t('charts.feedbackAxis'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('reports.occurrences'), data: grades.map((g) => g.n), label: { show: true, position: 'top', color: '#1f2937' } }],
    }),
    [grades, t],
  );
  const points = grades.map((g, n) => ({ seriesIndex: 0, dataIndex: n, text: t('charts.feedbackPoint', { grade: g.grade, n: i.number(g.n) }) }));
  return (
    <ChartSection
      id="feedback"
      title={t('charts.feedbackTitle')}
      help={mean != null ? t('charts.feedbackMean', { mean: i.number(mean, 2), n: i.number(total) }) : t('charts.feedbackNone')}
      chart={<EChart option={option} label={t('charts.feedbackLabel')} points={points} keyHint={t('charts.keyHint')} height={280} testId="echart-feedback" />}
      table={
        <DataTable
          caption={t('charts.feedbackTitle')}
          rows={grades}
          rowKey={(g) => String(g.grade)}
          columns={[
            { label: t('charts.feedbackAxis'), render: (g) => String(g.grade) },
            { label: t('reports.occurrences'), render: (g) => i.number(g.n), num: true },
            { label: t('charts.share'), render: (g) => (total ? i.percent(Math.floor((g.n * 10000) / total)) : '–'), num: true },
          ]}
        />
      }
    />
  );
}
