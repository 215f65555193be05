import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi, signIn } from '@/testing/render';
import { routes } from '@/app/routes';
import { kindsFor } from './kinds';

const mentor = { id: 'u1', email: 'mentor@x.fi', name: 'Mia', role: 'mentor', unit_ids: ['unit-1'], locale: 'en' };

const item = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  created_at: '2025-03-03T06:00:00Z',
  updated_at: '2025-03-03T06:00:00Z',
  version: 1,
  kind: 'activity_changed',
  title: `Cancelled: Concert ${id}`,
  body: `The activity “Concert ${id}” in your unit was cancelled.`,
  link: `/activities/act-${id}`,
  read_at: null,
  email: 'sent',
  allowed_actions: ['read'],
  items: [] as { text: string; link: string }[],
  ...over,
});

/** inboxApi fakes the inbox: reading marks items read, as the API does. */
function inboxApi(items: ReturnType<typeof item>[], extra: Parameters<typeof mockApi>[0] = {}) {
  const unread = () => items.filter((n) => !n.read_at).length;
  return mockApi({
    'GET /me': () => json(mentor),
    'GET /me/notifications': (req) => {
      const q = new URL(req.url).searchParams;
      const list = q.get('unread') === 'true' ? items.filter((n) => !n.read_at) : items;
      const limit = Number(q.get('limit') ?? 50);
      return json({ items: list.slice(0, limit), total: list.length, unread: unread() });
    },
    'POST /me/notifications/([^/]+)/read': (_req, m) => {
      const n = items.find((x) => x.id === m[1])!;
      Object.assign(n, { read_at: '2025-03-03T07:00:00Z', version: n.version + 1, allowed_actions: [] });
      return json(n);
    },
    'POST /me/notifications/read-all': () => {
      const marked = unread();
      for (const n of items) Object.assign(n, { read_at: '2025-03-03T07:00:00Z', allowed_actions: [] });
      return json({ marked, unread: 0 });
    },
    'GET /activities/([^/]+)': () => json({ title: 'x' }, 404),
    ...extra,
  });
}

describe('notifications', () => {
  it('the bell shows the unread count and opens the inbox; read one, then read all; the bell follows', async () => {
    const user = userEvent.setup();
    signIn();
    const { calls } = inboxApi([item('a'), item('b'), item('c', { read_at: '2025-03-02T08:00:00Z', allowed_actions: [], kind: 'idea_status_changed', title: 'Idea status changed: Dance' })]);
    renderWithApp(routes, { path: '/calendar/feeds' });
    const bell = await screen.findByRole('link', { name: 'Notifications, 2 unread' });
    expect(within(bell).getByText('2')).toBeInTheDocument();
    await user.click(bell);
    await screen.findByRole('heading', { level: 1, name: 'Notifications' });
    await waitFor(() => expect(screen.getByTestId('unread-summary')).toHaveTextContent('Unread: 2'));
    const list = screen.getAllByRole('listitem').filter((li) => li.classList.contains('notif-item'));
    expect(list).toHaveLength(3);
    expect(within(list[0]).getByRole('link', { name: 'Cancelled: Concert a' })).toHaveAttribute('href', '/activities/act-a');
    expect(within(list[0]).getByText(/also sent by email/)).toBeInTheDocument();
    expect(within(list[2]).queryByRole('button')).toBeNull(); // read already

    await user.click(within(list[1]).getByRole('button', { name: 'Mark read: Cancelled: Concert b' }));
    await screen.findByRole('link', { name: 'Notifications, 1 unread' });
    expect(calls.some((c) => c.method === 'POST' && c.path === '/me/notifications/b/read')).toBe(true);
    await waitFor(() => expect(screen.getByTestId('unread-summary')).toHaveTextContent('Unread: 1'));

    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await screen.findByRole('link', { name: 'Notifications' });
    await waitFor(() => expect(screen.getByTestId('unread-summary')).toHaveTextContent('No unread notifications.'));
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('opening a notification marks it read and goes to the exact screen it is about', async () => {
    const user = userEvent.setup();
    signIn();
    const { calls } = inboxApi([item('a')]);
    const { router } = renderWithApp(routes, { path: '/notifications' });
    await user.click(await screen.findByRole('link', { name: 'Cancelled: Concert a' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/activities/act-a'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/me/notifications/a/read')).toBe(true));
  });

  it('shows only unread ones on request, and a digest’s lines as a list', async () => {
    const user = userEvent.setup();
    signIn();
    inboxApi([
      item('a', {
        kind: 'attendance_missing',
        title: 'Attendance not recorded – Koivukoti (2)',
        body: 'No attendance yet for:\n- Mon 3 Mar 10:00 Singing\n- Tue 4 Mar 14:00 Film',
        items: [
          { text: 'Mon 3 Mar 10:00 Singing', link: '/activities/s1/attendance?occurrence=2025-03-03T08%3A00%3A00Z' },
          { text: 'Tue 4 Mar 14:00 Film', link: '/activities/f1/attendance?occurrence=2025-03-04T12%3A00%3A00Z' },
        ],
      }),
      item('b', { read_at: '2025-03-02T08:00:00Z', allowed_actions: [] }),
    ]);
    renderWithApp(routes, { path: '/notifications' });
    const digest = await screen.findByRole('link', { name: 'Attendance not recorded – Koivukoti (2)' });
    const li = digest.closest('li.notif-item') as HTMLElement;
    expect(within(li).getAllByRole('listitem').map((x) => x.textContent)).toEqual(['Mon 3 Mar 10:00 Singing', 'Tue 4 Mar 14:00 Film']);
    expect(within(li).getByRole('link', { name: 'Tue 4 Mar 14:00 Film' })).toHaveAttribute('href', '/activities/f1/attendance?occurrence=2025-03-04T12%3A00%3A00Z');
    expect(within(li).getByText('No attendance yet for:')).toBeInTheDocument();
    expect(within(li).queryByText(/^- /)).toBeNull();
    expect(screen.getByRole('link', { name: 'Cancelled: Concert b' })).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Cancelled: Concert b' })).toBeNull());
  });

  it('the settings turn email off per kind with If-Match; the mentor’s kinds come first', async () => {
    const user = userEvent.setup();
    signIn();
    const email = Object.fromEntries(kindsFor(null).others.map((k) => [k, k !== 'weekly_programme']));
    const { calls } = inboxApi([], {
      'GET /me/notification-settings': () => json({ version: 3, email, email_configured: true, address: 'mentor@x.fi' }),
      'PUT /me/notification-settings': async (req) => json({ version: 4, email: { ...email, ...(await req.json()).email }, email_configured: true, address: 'mentor@x.fi' }),
    });
    renderWithApp(routes, { path: '/notifications/settings' });
    await screen.findByText('Email notifications go to mentor@x.fi.');
    const mine = screen.getByRole('group', { name: 'Send by email' });
    expect(within(mine).getAllByRole('checkbox').map((c) => c.getAttribute('name'))).toEqual(['attendance_missing', 'activity_changed', 'weekly_programme', 'idea_status_changed']);
    expect(within(mine).getByRole('checkbox', { name: 'The week’s programme (Mondays)' })).not.toBeChecked();
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await user.click(within(mine).getByRole('checkbox', { name: 'The week’s programme (Mondays)' }));
    await user.click(within(mine).getByRole('checkbox', { name: 'An idea’s status changed' }));
    await user.click(save);
    await screen.findByText('Saved.');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"3"');
    expect(put.body).toEqual({ email: { ...email, weekly_programme: true, idea_status_changed: false } });
    expect(screen.getByRole('checkbox', { name: 'The week’s programme (Mondays)' })).toBeChecked();
  });

  it('without SMTP the settings say that notifications stay in the app', async () => {
    signIn();
    inboxApi([], {
      'GET /me/notification-settings': () => json({ version: 1, email: { month_ready: true }, email_configured: false, address: 'm@x.fi' }),
    });
    renderWithApp(routes, { path: '/notifications/settings' });
    await screen.findByText('Email is not set up');
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('an email’s unsubscribe link works without signing in; a broken one is explained', async () => {
    const user = userEvent.setup();
    sessionStorage.clear();
    let on = true;
    const { calls } = mockApi({
      'GET /notification-unsubscribe': (req) =>
        new URL(req.url).searchParams.get('token') === 'good'
          ? json({ kind: 'month_ready', email: on, address: 'm***@demo.fi' })
          : json({ type: 'urn:kulttuurisilta:problem:not-found', title: 'Not found', status: 404 }, 404),
      'POST /notification-unsubscribe': () => {
        on = false;
        return json({ kind: 'month_ready', email: false, address: 'm***@demo.fi' });
      },
    });
    const view = renderWithApp(routes, { path: '/unsubscribe?token=good' });
    await screen.findByText('This link stops the “A month awaits approval” emails to m***@demo.fi.');
    await user.click(screen.getByRole('button', { name: 'Stop these emails' }));
    await screen.findByText('Done: you no longer get these emails.');
    expect(calls.find((c) => c.method === 'POST')?.path).toBe('/notification-unsubscribe?token=good');
    expect(calls.every((c) => !c.headers.get('Authorization'))).toBe(true);
    view.unmount();

    renderWithApp(routes, { path: '/unsubscribe?token=forged' });
    await screen.findByText('This link is not valid');
  });

  it('lists every kind once for each role', () => {
    for (const role of ['admin', 'producer', 'manager', 'mentor', 'viewer', null] as const) {
      const { mine, others } = kindsFor(role);
      expect([...mine, ...others].sort()).toEqual([...kindsFor(null).others].sort());
    }
    expect(kindsFor('manager').mine).toEqual(['month_ready', 'approval_withdrawn', 'month_locked', 'month_unlocked']);
    expect(kindsFor('producer').mine).toEqual(['month_approved']);
  });
});
