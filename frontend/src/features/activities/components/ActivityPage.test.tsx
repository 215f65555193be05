import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import type { Locale } from '@/lib/i18n/format';
import { ActivityPage } from './ActivityPage';

const activity = {
  id: 'a1',
  version: 3,
  title: 'Laulutuokio',
  category: 'music',
  status: 'confirmed',
  starts_at: '2025-03-05T14:00:00+02:00',
  ends_at: '2025-03-05T15:00:00+02:00',
  recurrence: 'FREQ=WEEKLY;COUNT=8;BYDAY=WE,FR',
  exdates: ['2025-03-14T14:00:00+02:00'],
  capacity: 25,
  unit_ids: [],
  partner_ids: [],
  target_groups: [],
  visibility: 'internal',
  plain_language: { fi: '', sv: '' },
};

function setup(locale: Locale) {
  signIn();
  mockApi({
    'GET /me': () => json({ id: 'u1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
    'GET /activities/a1': () => json(activity),
    'GET /activities/a1/occurrences': () => json({ items: [], total: 0 }),
    'GET /activities/a1/overrides': () =>
      json({
        items: [
          { id: 'o2', activity_id: 'a1', version: 1, original_start: '2025-03-21T12:00:00Z', starts_at: '2025-03-21T12:00:00Z', ends_at: '2025-03-21T13:00:00Z', cancelled: true, note: 'Esiintyjä sairastui' },
          { id: 'o1', activity_id: 'a1', version: 1, original_start: '2025-03-12T12:00:00Z', starts_at: '2025-03-13T13:00:00Z', ends_at: '2025-03-13T14:00:00Z', cancelled: false, note: '' },
        ],
        total: 2,
      }),
    'GET /units': () => json({ items: [], total: 0 }),
    'GET /partners': () => json({ items: [], total: 0 }),
    'GET /series': () => json({ items: [], total: 0 }),
  });
  renderWithApp([{ path: '/activities/:id', element: <ActivityPage /> }], { path: '/activities/a1', locale });
}

describe('ActivityPage', () => {
  it('says the recurrence in words and shows capacity, excluded dates and changed occurrences (en)', async () => {
    setup('en');
    expect(await screen.findByTestId('recurrence-text')).toHaveTextContent('Weekly on Wednesday and Friday, 8 times');
    expect(screen.queryByText(/FREQ=/)).toBeNull();
    expect(screen.getByText('25 participants')).toBeInTheDocument();
    expect(screen.getByText('Fri 14/03/2025')).toBeInTheDocument();
    const changed = await screen.findByTestId('changed-occurrences');
    const rows = within(changed).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('Wed 12/03/2025 14:00 moved to Thu 13/03/2025 15:00–16:00');
    expect(rows[1]).toHaveTextContent('Fri 21/03/2025 14:00 cancelled · Esiintyjä sairastui');
  });

  it('says the recurrence in Finnish', async () => {
    setup('fi');
    expect(await screen.findByTestId('recurrence-text')).toHaveTextContent('Viikoittain keskiviikkoisin ja perjantaisin, 8 kertaa');
    expect(screen.getByText('25 osallistujaa')).toBeInTheDocument();
  });
});
