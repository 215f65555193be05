import { useI18n, type MessageKey } from '@/lib/i18n/i18n';
import type { HostResident, ParticipantInput } from '../api/activities';

/** Picked are the listed participants by resident id. */
export type Picked = Record<string, ParticipantInput>;
type How = ParticipantInput['participation'];

/** CYCLE is what one tap on a name does: not listed → active → passive → declined → not listed. */
const CYCLE: (How | undefined)[] = [undefined, 'active', 'passive', 'declined'];
/** FACES is the five-face picture scale, 1 (sad) to 5 (happy). */
const FACES = [1, 2, 3, 4, 5];

/**
 * Face draws one face of the scale as a picture of its own (no emoji font
 * needed: tablets without one showed two of the five faces as empty boxes);
 * the mouth bends from a frown (1) to a smile (5).
 */
function Face({ level }: { level: number }) {
  const bend = (level - 3) * 3;
  return (
    <svg viewBox="0 0 24 24" width="1.4em" height="1.4em" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" />
      <circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
      <path d={`M7.5 ${16 - bend / 2} Q12 ${16 + bend} 16.5 ${16 - bend / 2}`} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

/** next is the participation after one tap. */
export function next(p: How | undefined): How | undefined {
  return CYCLE[(CYCLE.indexOf(p) + 1) % CYCLE.length];
}

/** takingPart counts the active and passive participants (the residents count must be at least this). */
export const takingPart = (picked: Picked) => Object.values(picked).filter((p) => p.participation !== 'declined').length;

/**
 * ParticipantsPicker lists the hosting units' residents as large name
 * buttons for a tablet: one tap cycles how the resident took part. Each
 * listed resident gets the five-face feedback scale and a "given by staff"
 * (proxy) toggle. Personal data: shown only to the units' mentors and admins.
 */
export function ParticipantsPicker({ residents, value, onChange, preselected }: {
  residents: HostResident[];
  value: Picked;
  onChange: (p: Picked) => void;
  preselected: boolean;
}) {
  const { t } = useI18n();
  const name = (id: string) => residents.find((r) => r.id === id)?.display_name ?? '';
  const tap = (id: string) => {
    const how = next(value[id]?.participation);
    const out = { ...value };
    if (how) out[id] = { resident_id: id, participation: how, feedback: value[id]?.feedback ?? null, feedback_by: value[id]?.feedback_by ?? 'self' };
    else delete out[id];
    onChange(out);
  };
  const set = (id: string, change: Partial<ParticipantInput>) => onChange({ ...value, [id]: { ...value[id], ...change } });
  const listed = residents.filter((r) => value[r.id]);

  return (
    <fieldset className="field participants">
      <legend>{t('part.title')}</legend>
      <p className="muted">{t('part.help')}</p>
      {preselected && <p className="muted">{t('part.preselected')}</p>}
      {residents.length === 0 ? (
        <p className="muted">{t('part.noResidents')}</p>
      ) : (
        <div className="part-names">
          {residents.map((r) => {
            const how = value[r.id]?.participation ?? 'none';
            const state = t(`part.${how}` as MessageKey);
            return (
              <button key={r.id} type="button" className={`part-name part-${how}`} onClick={() => tap(r.id)} title={t('part.tap', { name: r.display_name, state })}>
                <span className="part-name-text">{r.display_name}</span> <span className="part-state">{state}</span>
              </button>
            );
          })}
        </div>
      )}
      {listed.map((r) => {
        const p = value[r.id];
        return (
          <div className="part-row" key={r.id}>
            <span className="part-row-name">{name(r.id)}</span>
            <div className="faces" role="radiogroup" aria-label={t('part.feedbackFor', { name: r.display_name })}>
              {FACES.map((face, k) => (
                <label key={k}>
                  <input type="radio" name={`fb-${r.id}`} checked={p.feedback === k + 1} onChange={() => set(r.id, { feedback: k + 1 })} />
                  <Face level={face} />
                  <span className="sr-only">{t('att.feedbackN', { n: k + 1 })}</span>
                </label>
              ))}
            </div>
            <label className="proxy">
              <input type="checkbox" checked={p.feedback_by === 'proxy'} onChange={(e) => set(r.id, { feedback_by: e.target.checked ? 'proxy' : 'self' })} />
              {t('part.proxy')}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
