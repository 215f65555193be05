import { useI18n } from '@/lib/i18n/i18n';

/** Series is one department in a chart. */
export type ChartSeries = { key: string; label: string };
/** ChartRow is one bar: a label and the value of each series. */
export type ChartRow = { key: string; label: string; values: Record<string, number> };

/**
 * BarChart draws stacked horizontal bars, one per row, a colour per series.
 * It is a picture for sighted users (aria-hidden); the table beside it holds
 * the same figures for everyone.
 */
export function BarChart({ rows, series, title }: { rows: ChartRow[]; series: ChartSeries[]; title: string }) {
  const { money } = useI18n();
  const max = Math.max(1, ...rows.map((r) => series.reduce((s, x) => s + Math.max(0, r.values[x.key] ?? 0), 0)));
  return (
    <figure className="bar-chart" aria-hidden="true">
      <figcaption className="visually-hidden">{title}</figcaption>
      <div className="legend">
        {series.map((s, i) => (
          <span key={s.key}>
            <span className={`legend-swatch bar-${i % 4}`} />
            {s.label}
          </span>
        ))}
      </div>
      {rows.map((r) => {
        const total = series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0);
        return (
          <div className="bar-row" key={r.key}>
            <span className="small">{r.label}</span>
            <div className="bar-track">
              {series.map((s, i) => (
                <div key={s.key} className={`bar bar-${i % 4}`} style={{ width: `${(Math.max(0, r.values[s.key] ?? 0) / max) * 100}%` }} />
              ))}
            </div>
            <span className="small num">{money(total)}</span>
          </div>
        );
      })}
    </figure>
  );
}
