import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderWithApp, signIn } from '@/testing/render';
import { IdeasPage } from './IdeasPage';

const idea = (id: string, title: string, status: string, allowed_actions: string[], activity_id: string | null = null) => ({
  id,
  title,
  status,
  allowed_actions,
  activity_id,
  version: 1,
  committee_id: 'c1',
  unit_id: 'unit-1',
  description: '',
  source: 'resident',
  votes: 0,
  priority: null,
  created_at: '2025-03-01T10:00:00Z',
  updated_at: '2025-03-01T10:00:00Z',
  status_changed_at: '2025-03-01T10:00:00Z',
});

const cardOf = async (title: string) => within((await screen.findByRole('heading', { level: 3, name: title })).closest('li')!);

function setUp(role: string, ideas: ReturnType<typeof idea>[]) {
  signIn();
  mockApi({
    'GET /me': () => json({ id: 'u1', role, email: 'u@x.fi', unit_ids: ['unit-1'], scopes: [] }),
    'GET /committees': () => json({ items: [{ id: 'c1', name: 'Koivukodin kulttuuritoimikunta', unit_id: 'unit-1' }], total: 1 }),
    'GET /ideas': () => json({ items: ideas, total: ideas.length }),
  });
  return renderWithApp(
    [
      { path: '/ideas', element: <IdeasPage /> },
      { path: '/activities/new', element: <p>new activity</p> },
    ],
    { path: '/ideas' },
  );
}

describe('IdeasPage', () => {
  it('shows each idea only the actions the API lists for it', async () => {
    setUp('mentor', [
      idea('i1', 'Tanssiaiset', 'new', ['update', 'delete', 'vote']),
      idea('i2', 'Runoilta', 'new', ['vote']),
      idea('i3', 'Kuoro', 'planned', []),
    ]);
    const all = await cardOf('Tanssiaiset');
    expect(all.getByRole('button', { name: '+1 Add a vote: Tanssiaiset' })).toBeInTheDocument();
    expect(all.getByLabelText('Priority: Tanssiaiset')).toBeInTheDocument();
    expect(all.getByRole('button', { name: 'Mark as planned' })).toBeInTheDocument();
    expect(all.getByRole('button', { name: 'Decline' })).toBeInTheDocument();

    const voteOnly = await cardOf('Runoilta');
    expect(voteOnly.getByRole('button', { name: '+1 Add a vote: Runoilta' })).toBeInTheDocument();
    expect(voteOnly.getAllByRole('button')).toHaveLength(1);
    expect(voteOnly.queryByLabelText('Priority: Runoilta')).toBeNull();

    const none = await cardOf('Kuoro');
    expect(none.queryAllByRole('button')).toHaveLength(0);
    expect(none.queryByRole('combobox')).toBeNull();
    // A mentor files new ideas.
    expect(screen.getByRole('heading', { name: 'New idea' })).toBeInTheDocument();
  });

  it('offers the producer to turn a wish into an activity when the API lists it, prefilled from the idea', async () => {
    const user = userEvent.setup();
    const { router } = setUp('producer', [
      { ...idea('i1', 'Tanssiaiset', 'new', ['to_activity']), description: 'Elävää musiikkia' },
      idea('i2', 'Kuoro', 'planned', [], 'a1'),
    ]);
    const wish = await cardOf('Tanssiaiset');
    // The producer does not file, vote or rank ideas (mentors do): only the one listed action.
    expect(wish.getAllByRole('button')).toHaveLength(1);
    expect((await cardOf('Kuoro')).queryByRole('button', { name: 'Turn into activity' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'New idea' })).toBeNull();
    await user.click(wish.getByRole('button', { name: 'Turn into activity' }));
    await screen.findByText('new activity');
    const to = new URLSearchParams(router.state.location.search);
    expect(router.state.location.pathname).toBe('/activities/new');
    expect(Object.fromEntries(to)).toEqual({ title: 'Tanssiaiset', description: 'Elävää musiikkia', idea_id: 'i1', unit_id: 'unit-1' });
  });

  it('offers a viewer no idea form and no button on an idea without actions', async () => {
    setUp('viewer', [idea('i1', 'Tanssiaiset', 'new', [])]);
    expect((await cardOf('Tanssiaiset')).queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByRole('heading', { name: 'New idea' })).toBeNull();
  });
});
