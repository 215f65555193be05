import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderWithApp, signIn } from '@/testing/render';
import { ProgrammePanel } from './ProgrammePanel';

const unit = { id: 'u1', version: 4, public_programme: false, allowed_actions: ['update' as const] };

describe('ProgrammePanel', () => {
  it('lets the producer publish the page (If-Match) and make a screen token shown once', async () => {
    const user = userEvent.setup();
    signIn();
    const { calls } = mockApi({
      'GET /me': () => json({ id: 'p1', role: 'producer', email: 'p@x.fi', unit_ids: [], scopes: [] }),
      'PATCH /units/u1': () => json({ ...unit, public_programme: true, version: 5 }),
      'GET /units/u1/screen-tokens': () => json({ items: [], total: 0 }),
      'POST /units/u1/screen-tokens': () =>
        json({ id: 't1', name: 'Lobby TV', prefix: 'kss_abcdef', version: 1, allowed_actions: ['revoke'], token: 'kss_secret', screen_path: '/programme/u1/screen?token=kss_secret' }, 201),
    });
    renderWithApp(<ProgrammePanel unit={unit} />);
    await user.click(await screen.findByRole('button', { name: 'Publish the page' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ public_programme: true });
    expect(patch.headers.get('If-Match')).toBe('"4"');

    await user.type(screen.getByLabelText(/^Screen name/), 'Lobby TV');
    await user.click(screen.getByRole('button', { name: 'New screen token' }));
    expect(await screen.findByText(/\/programme\/u1\/screen\?token=kss_secret$/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download PDF' })).toBeInTheDocument();
  });

  it('shows nothing to a mentor of another unit or a viewer', async () => {
    signIn();
    mockApi({ 'GET /me': () => json({ id: 'm1', role: 'mentor', email: 'm@x.fi', unit_ids: ['other'], scopes: [] }) });
    const { container } = renderWithApp(<ProgrammePanel unit={unit} />);
    await waitFor(() => expect(container.textContent).toBe(''));
  });
});
