import { Link, useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { useAuth } from '@/lib/auth/auth';
import { canCreate } from '@/lib/api/actions';
import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, enumOptions } from '@/lib/api/enums';
import { options, usePartners, useSeries, useUnits } from '@/lib/api/lookups';
import { addDays, addMonths, dayOf, endOfMonth, isoWeek, monthGrid, startOfMonth, startOfWeek, today } from '@/lib/i18n/dates';
import { SelectField } from '@/components/ui/Field';
import { Button } from '@/components/ui/Button';
import { ErrorAlert } from '@/components/ui/Alert';
import { Loading, PageHeader } from '@/components/ui/misc';
import { useCalendar, type CalendarFilter, type Occurrence } from '../api/calendar';

type View = 'month' | 'week' | 'list';
type Occ = Occurrence;
const FILTERS = ['unit_id', 'partner_id', 'category', 'status', 'series_id'] as const;

/** CalendarPage shows the shared calendar in month, week or list view with filters; its state is in the URL. */
export function CalendarPage() {
  const i = useI18n();
  const { t, tk } = i;
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') as View) || 'month';
  const date = params.get('date') || today();
  const units = useUnits();
  const partners = usePartners();
  const series = useSeries();

  const from = view === 'week' ? startOfWeek(date) : view === 'month' ? monthGrid(date)[0][0] : startOfMonth(date);
  const to = view === 'week' ? addDays(startOfWeek(date), 7) : view === 'month' ? addDays(monthGrid(date).at(-1)![6], 1) : addDays(endOfMonth(date), 1);
  const filter: CalendarFilter = { from, to };
  for (const k of FILTERS) if (params.get(k)) (filter as unknown as Record<string, string>)[k] = params.get(k)!;
  const q = useCalendar(filter);

  const update = (p: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(p)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const step = (n: number) => update({ date: view === 'week' ? addDays(date, 7 * n) : addMonths(startOfMonth(date), n) });
  const title =
    view === 'week' ? `${t('calendar.weekNo', { n: isoWeek(date) })}: ${i.date(startOfWeek(date))} – ${i.date(addDays(startOfWeek(date), 6))}` : i.monthYear(date);

  const byDay = new Map<string, Occ[]>();
  for (const o of q.data ?? []) {
    const d = dayOf(o.starts_at);
    byDay.set(d, [...(byDay.get(d) ?? []), o]);
  }
  for (const list of byDay.values()) list.sort((a, b) => a.starts_at.localeCompare(b.starts_at));

  return (
    <>
      <PageHeader title={t('calendar.title')}>
        <Link className="btn btn-secondary" to="/calendar/feeds">
          {t('feeds.subscribe')}
        </Link>
        {canCreate(me, 'activity') && (
          <Link className="btn btn-primary" to="/activities/new">
            {t('calendar.newActivity')}
          </Link>
        )}
      </PageHeader>
      <div className="cal-toolbar">
        <div className="segmented" role="group" aria-label={t('calendar.view')}>
          {(['month', 'week', 'list'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => update({ view: v })}>
              {t(`calendar.${v}`)}
            </button>
          ))}
        </div>
        <Button variant="secondary" onClick={() => step(-1)} aria-label={t('action.prev')}>
          ‹
        </Button>
        <Button variant="secondary" onClick={() => update({ date: null })}>
          {t('action.today')}
        </Button>
        <Button variant="secondary" onClick={() => step(1)} aria-label={t('action.next')}>
          ›
        </Button>
        <h2 className="cal-title" aria-live="polite">
          {title}
        </h2>
      </div>
      <details className="card" open={FILTERS.some((k) => params.get(k))}>
        <summary>
          <strong>{t('calendar.filters')}</strong>
        </summary>
        <div className="filters">
          <SelectField label={t('calendar.unit')} value={params.get('unit_id') ?? ''} onChange={(e) => update({ unit_id: e.target.value })} options={options(units.data)} empty={t('common.all')} />
          <SelectField label={t('calendar.partner')} value={params.get('partner_id') ?? ''} onChange={(e) => update({ partner_id: e.target.value })} options={options(partners.data)} empty={t('common.all')} />
          <SelectField label={t('calendar.category')} value={params.get('category') ?? ''} onChange={(e) => update({ category: e.target.value })} options={enumOptions(ACTIVITY_CATEGORIES, tk, 'cat')} empty={t('common.all')} />
          <SelectField label={t('calendar.status')} value={params.get('status') ?? ''} onChange={(e) => update({ status: e.target.value })} options={enumOptions(ACTIVITY_STATUSES, tk, 'status')} empty={t('common.all')} />
          <SelectField label={t('calendar.series')} value={params.get('series_id') ?? ''} onChange={(e) => update({ series_id: e.target.value })} options={options(series.data)} empty={t('common.all')} />
        </div>
      </details>
      {q.error && <ErrorAlert error={q.error} onRetry={() => q.refetch()} />}
      {q.isLoading ? <Loading /> : view === 'month' ? <MonthView date={date} byDay={byDay} /> : view === 'week' ? <WeekView date={date} byDay={byDay} /> : <ListView byDay={byDay} />}
    </>
  );
}

/** occurrencePath opens one occurrence (not the whole activity) by its original start. */
const occurrencePath = (o: Occ) => `/activities/${o.activity_id}/occurrence?start=${encodeURIComponent(o.original_start)}`;

function EventLink({ o, withTime = true }: { o: Occ; withTime?: boolean }) {
  const i = useI18n();
  return (
    <Link className={`event st-${o.status}${o.moved ? ' moved' : ''}`} to={occurrencePath(o)} title={`${i.time(o.starts_at)}–${i.time(o.ends_at)} ${o.title}`}>
      {withTime && <span>{i.time(o.starts_at)} </span>}
      {o.title}
      {o.status === 'cancelled' && <span className="visually-hidden"> ({i.tk('status', 'cancelled')})</span>}
    </Link>
  );
}

function MonthView({ date, byDay }: { date: string; byDay: Map<string, Occ[]> }) {
  const i = useI18n();
  const month = date.slice(0, 7);
  const now = today();
  return (
    <table className="month">
      <caption className="visually-hidden">{i.monthYear(date)}</caption>
      <thead>
        <tr>
          <th scope="col" className="week-no">
            <abbr title={i.t('calendar.week')}>#</abbr>
          </th>
          {[0, 1, 2, 3, 4, 5, 6].map((d) => (
            <th scope="col" key={d}>
              {i.weekday(d)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {monthGrid(date).map((week) => (
          <tr key={week[0]}>
            <td className="week-no">{isoWeek(week[0])}</td>
            {week.map((d) => {
              const list = byDay.get(d) ?? [];
              return (
                <td key={d} className={`${d.slice(0, 7) !== month ? 'other' : ''} ${d === now ? 'today' : ''}`} aria-current={d === now ? 'date' : undefined}>
                  <div className="day-no">
                    <span className="visually-hidden">{i.dateLong(d)}</span>
                    <span aria-hidden="true">{Number(d.slice(8))}</span>
                  </div>
                  {list.slice(0, 3).map((o) => (
                    <EventLink key={o.activity_id + o.original_start} o={o} />
                  ))}
                  {list.length > 3 && (
                    <Link className="small" to={`?view=week&date=${d}`}>
                      {i.t('calendar.more', { n: list.length - 3 })}
                    </Link>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeekView({ date, byDay }: { date: string; byDay: Map<string, Occ[]> }) {
  const i = useI18n();
  const start = startOfWeek(date);
  return (
    <div className="week-grid">
      {[0, 1, 2, 3, 4, 5, 6].map((n) => {
        const d = addDays(start, n);
        return (
          <section key={d} className="week-day" aria-label={i.dateLong(d)}>
            <h3>{i.dateLong(d)}</h3>
            {(byDay.get(d) ?? []).map((o) => (
              <EventLink key={o.activity_id + o.original_start} o={o} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function ListView({ byDay }: { byDay: Map<string, Occ[]> }) {
  const i = useI18n();
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return <p className="empty">{i.t('calendar.noEvents')}</p>;
  return (
    <div>
      {days.map((d) => (
        <section key={d} className="list-day">
          <h3>{i.dateLong(d)}</h3>
          <ul>
            {byDay.get(d)!.map((o) => (
              <li key={o.activity_id + o.original_start}>
                {i.time(o.starts_at)}–{i.time(o.ends_at)} <Link to={occurrencePath(o)}>{o.title}</Link>
                {o.status && <span className="muted"> · {i.tk('status', o.status)}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
