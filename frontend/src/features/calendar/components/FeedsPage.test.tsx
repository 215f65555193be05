import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { FeedsPage } from './FeedsPage';
import { feedTokenBody, webcal } from '../feeds';

const lookups = {
  'GET /units': () => json({ items: [{ id: 'unit-1', name: 'Koivukoti' }], total: 1 }),
  'GET /partners': () => json({ items: [{ id: 'p1', name: 'Kirjasto' }], total: 1 }),
};

describe('FeedsPage', () => {
  it('builds the create body for the scope only', () => {
    expect(feedTokenBody({ name: ' Staff ', scope: 'unit', unit_id: 'u1', partner_id: 'p1' })).toEqual({ name: 'Staff', scope: 'unit', unit_id: 'u1' });
    expect(feedTokenBody({ name: 'All', scope: 'all', unit_id: 'u1' })).toEqual({ name: 'All', scope: 'all' });
    expect(webcal('https://x.fi/api/v1/calendar.ics')).toBe('webcal://x.fi/api/v1/calendar.ics');
  });

  it('gives a viewer the public feed of a unit, with no private feeds', async () => {
    const user = userEvent.setup();
    signIn();
    const { calls } = mockApi({ 'GET /me': () => json({ id: 'u1', role: 'viewer', email: 'v@x.fi', name: 'V' }), ...lookups });
    renderWithApp(<FeedsPage />);
    const url = screen.getByTestId('public-feed-url');
    expect(url).toHaveValue('http://localhost:3000/api/v1/calendar.ics');
    await user.selectOptions(screen.getByLabelText('Contents'), 'unit');
    await screen.findByRole('option', { name: 'Koivukoti' });
    await user.selectOptions(screen.getByLabelText('Unit'), 'unit-1');
    expect(url).toHaveValue('http://localhost:3000/api/v1/calendar.ics?unit=unit-1');
    expect(screen.queryByRole('button', { name: 'New private feed' })).toBeNull();
    expect(calls.some((c) => c.path.startsWith('/feed-tokens'))).toBe(false);
  });

  it('lets the producer create a private feed whose address is shown once, and revoke one', async () => {
    const user = userEvent.setup();
    signIn();
    const token = { id: 'f1', name: 'Koivukoti staff', scope: 'unit', unit_id: 'unit-1', partner_id: null, prefix: 'ksf_ab', last_used_at: null, revoked_at: null, version: 1, allowed_actions: ['revoke'] };
    const { calls } = mockApi({
      'GET /me': () => json({ id: 'u1', role: 'producer', email: 'p@x.fi', name: 'P' }),
      ...lookups,
      'GET /feed-tokens': () => json({ items: [token], total: 1 }),
      'POST /feed-tokens': () => json({ ...token, id: 'f2', token: 'ksf_secret123', feed_path: '/api/v1/calendar.ics?token=ksf_secret123' }, 201),
      'DELETE /feed-tokens/f1': () => json({ ...token, revoked_at: '2025-03-01T10:00:00Z', allowed_actions: [] }),
    });
    renderWithApp(<FeedsPage />);
    const row = (await screen.findByText('Koivukoti staff')).closest('tr')!;
    expect(within(row).getByText('Koivukoti')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New private feed' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Name/), 'Koivukoti staff');
    await user.selectOptions(within(dialog).getByLabelText(/^Contents/), 'unit');
    await user.selectOptions(within(dialog).getByLabelText(/^Unit/), 'unit-1');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('private-feed-url')).toHaveValue('http://localhost:3000/api/v1/calendar.ics?token=ksf_secret123');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Koivukoti staff', scope: 'unit', unit_id: 'unit-1' });
    const confirm = window.confirm;
    window.confirm = () => true;
    await user.click(within(row).getByRole('button', { name: /^Revoke/ }));
    window.confirm = confirm;
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.headers.get('If-Match') === '"1"')).toBe(true));
  });
});
