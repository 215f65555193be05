import { useI18n } from '@/lib/i18n/i18n';
import { ErrorAlert } from '@/components/ui/Alert';
import { Badge, Loading } from '@/components/ui/misc';
import { useActivityPushOutcomes, type PushOutcome } from '../api/linkedEvents';

const order: Record<string, number> = { refused: 0, held_back: 1, removed: 2, pushed: 3 };
const tones = { pushed: 'good', refused: 'bad', held_back: 'warn', removed: 'neutral' } as const;

/**
 * LinkedEventsOutcomes shows, on a public activity's page, what became of its events in the pushes to
 * Linked Events: how many are published, and each one held back or refused with the reason.
 */
export function LinkedEventsOutcomes({ activityId }: { activityId: string }) {
  const i = useI18n();
  const { t, tk } = i;
  const q = useActivityPushOutcomes(activityId, true);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const items = q.data?.items ?? [];
  const count = (o: PushOutcome['outcome']) => items.filter((x) => x.outcome === o).length;
  const notices = items.filter((x) => x.outcome !== 'pushed').sort((a, b) => order[a.outcome] - order[b.outcome]);
  return (
    <section className="card" aria-labelledby="le-title" data-testid="linked-events-outcomes">
      <h2 id="le-title">{t('le.title')}</h2>
      {!items.length ? (
        <p className="muted">{t('le.none')}</p>
      ) : (
        <>
          <p>
            {t('le.summary', { pushed: count('pushed'), held: count('held_back'), refused: count('refused'), removed: count('removed') })}
          </p>
          {count('refused') > 0 && <p className="muted small">{t('le.retryHelp')}</p>}
          {notices.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('le.event')}</th>
                    <th scope="col">{t('common.date')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">{t('le.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {notices.map((o) => (
                    <tr key={o.id}>
                      <td>
                        {o.name} <span className="muted small">({tk('le.kind', o.kind)})</span>
                      </td>
                      <td className="nowrap">{o.starts_at ? i.dateTime(o.starts_at) : t('common.none')}</td>
                      <td>
                        <Badge tone={tones[o.outcome]}>{tk('le.outcome', o.outcome)}</Badge>
                      </td>
                      <td>{o.reason || t('common.none')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
