import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { OccurrenceList, type Occ } from './OccurrenceList';

const occ = (start: string, extra: Partial<Occ> = {}): Occ => ({
  starts_at: start,
  ends_at: start.replace('T14:', 'T15:'),
  original_start: start,
  cancelled: false,
  moved: false,
  override_id: null,
  ...extra,
});

function setup(table: Parameters<typeof mockApi>[0], items: Occ[]) {
  signIn();
  const api = mockApi({
    'GET /me': () => json({ id: 'u1', role: 'producer', email: 'p@x.fi', name: 'Pia' }),
    'GET /activities/a1/overrides': () => json({ items: [{ id: 'ov1', version: 3, activity_id: 'a1', cancelled: true, original_start: '2025-03-10T14:00:00+02:00', starts_at: '', ends_at: '', note: '' }], total: 1 }),
    ...table,
  });
  renderWithApp(<OccurrenceList activityId="a1" items={items} recurring canEdit canAttend />);
  return api;
}

describe('OccurrenceList', () => {
  it('moves one occurrence, shows a clash in place and saves anyway', async () => {
    const user = userEvent.setup();
    let posts = 0;
    const { calls } = setup(
      {
        'POST /activities/a1/overrides': () =>
          ++posts === 1
            ? json({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'clashes', clash: { activity_id: 'x', title: 'Bingo', starts_at: '2025-03-04T16:00:00+02:00', ends_at: '2025-03-04T17:00:00+02:00' } }, 409)
            : json({ id: 'ov2', version: 1 }, 201),
      },
      [occ('2025-03-03T14:00:00+02:00')],
    );
    await user.click(screen.getByRole('button', { name: /^Move: / }));
    const form = screen.getByRole('form', { name: /^Move: / });
    const day = within(form).getByLabelText(/^Date/);
    await user.clear(day);
    await user.type(day, '2025-03-04');
    const start = within(form).getByLabelText(/^Start time/);
    await user.clear(start);
    await user.type(start, '16:00');
    const end = within(form).getByLabelText(/^End time/);
    await user.clear(end);
    await user.type(end, '17:30');
    await user.click(within(form).getByRole('button', { name: 'Move occurrence' }));
    const clash = await screen.findByRole('alert');
    expect(clash).toHaveTextContent('Clash');
    expect(clash).toHaveTextContent('Bingo');
    // The values typed stay in the form.
    expect(day).toHaveValue('04/03/2025');
    await user.click(within(clash).getByRole('button', { name: 'Save anyway' }));
    await screen.findByText(/Occurrence moved to/);
    const sent = calls.filter((c) => c.method === 'POST').map((c) => c.body);
    expect(sent[0]).toEqual({ original_start: '2025-03-03T14:00:00+02:00', starts_at: '2025-03-04T16:00:00+02:00', ends_at: '2025-03-04T17:30:00+02:00' });
    expect(sent[1]).toMatchObject({ allow_overlap: true });
  });

  it('cancels an occurrence with a note', async () => {
    const user = userEvent.setup();
    const { calls } = setup({ 'POST /activities/a1/overrides': () => json({ id: 'ov2', version: 1 }, 201) }, [occ('2025-03-03T14:00:00+02:00'), occ('2025-03-10T14:00:00+02:00')]);
    await user.click(screen.getAllByRole('button', { name: /^Cancel this one: / })[1]);
    await user.type(screen.getByLabelText('Reason or notice'), 'Performer ill');
    await user.click(screen.getByRole('button', { name: 'Cancel this occurrence' }));
    await screen.findByText(/cancelled\.$/);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ original_start: '2025-03-10T14:00:00+02:00', cancelled: true, note: 'Performer ill' });
  });

  it('restores a cancelled occurrence with If-Match, and again anyway after a clash', async () => {
    const user = userEvent.setup();
    let n = 0;
    const { calls } = setup(
      {
        'DELETE /activities/a1/overrides/ov1': () =>
          ++n === 1 ? json({ title: 'Conflict', status: 409, clash: { title: 'Choir', starts_at: '2025-03-10T14:00:00+02:00', ends_at: '2025-03-10T15:00:00+02:00' } }, 409) : new Response(null, { status: 204 }),
      },
      [occ('2025-03-10T14:00:00+02:00', { cancelled: true, override_id: 'ov1' })],
    );
    expect(screen.getByText('Cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Move/ })).toBeNull();
    await waitFor(() => expect(calls.some((c) => c.path.startsWith('/activities/a1/overrides?'))).toBe(true));
    await user.click(screen.getByRole('button', { name: /^Restore: / }));
    const clash = await screen.findByRole('alert');
    expect(clash).toHaveTextContent('Choir');
    await user.click(within(clash).getByRole('button', { name: 'Restore anyway' }));
    await screen.findByText(/restored to its original time/);
    const dels = calls.filter((c) => c.method === 'DELETE');
    expect(dels[0].headers.get('If-Match')).toBe('"3"');
    expect(dels[1].path).toContain('allow_overlap=true');
  });
});
