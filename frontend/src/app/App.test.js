import { jsx as _jsx, Fragment as _Fragment, jsxs as _jsxs } from "react/jsx-runtime";
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp, json, mockApi } from '@/testing/render';
import { routes } from './routes';
import { ReloginDialog } from '@/features/auth/components/ReloginDialog';
import { Outlet } from 'react-router';
const tokens = (n) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'Bearer', expires_in: 900 });
const manager = { id: 'm1', email: 'manager.social@demo.fi', name: 'Maija', role: 'manager', department_id: 'd1', unit_ids: [] };
const withDialog = [
    {
        element: (_jsxs(_Fragment, { children: [_jsx(Outlet, {}), _jsx(ReloginDialog, {})] })),
        children: routes,
    },
];
describe('signing in', () => {
    it('signs a manager in, lands on the month close and shows the manager menu', async () => {
        const user = userEvent.setup();
        mockApi({
            'POST /auth/login': async (req) => {
                const b = await req.json();
                return b.password === 'demo-password' ? json(tokens(1)) : json({ status: 401, title: 'Authentication required' }, 401);
            },
            'GET /me': () => json(manager),
            'GET /agreements': () => json({ items: [], total: 0 }),
            'GET /departments': () => json({ items: [], total: 0 }),
            'GET /units': () => json({ items: [], total: 0 }),
        });
        renderWithApp(withDialog, { path: '/login' });
        await user.type(screen.getByLabelText(/^Email/), 'manager.social@demo.fi');
        await user.type(screen.getByLabelText(/^Password/), 'wrong');
        await user.click(screen.getByRole('button', { name: 'Sign in' }));
        expect(await screen.findByText('Wrong email or password.')).toBeInTheDocument();
        expect(screen.getByLabelText(/^Email/)).toHaveValue('manager.social@demo.fi');
        await user.clear(screen.getByLabelText(/^Password/));
        await user.type(screen.getByLabelText(/^Password/), 'demo-password');
        await user.click(screen.getByRole('button', { name: 'Sign in' }));
        expect(await screen.findByRole('heading', { name: 'Month close', level: 1 })).toBeInTheDocument();
        const menu = screen.getByRole('navigation', { name: 'Main menu' });
        expect(within(menu).getAllByRole('link').map((a) => a.textContent)).toEqual(['Calendar', 'Month close', 'Cost split', 'Costs', 'Culture mentors', 'Reports', 'Reach']);
    });
    it('sends an anonymous visitor to the sign-in page', async () => {
        mockApi({});
        const { router } = renderWithApp(withDialog, { path: '/budget' });
        await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
        expect(router.state.location.search).toContain(encodeURIComponent('/budget'));
    });
    it('keeps a form and saves it after signing in again when the session has expired', async () => {
        const user = userEvent.setup();
        sessionStorage.setItem('ks.tokens', JSON.stringify({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: Date.now() + 900_000 }));
        let expired = false;
        const { calls } = mockApi({
            'GET /me': () => json({ ...manager, role: 'producer', email: 'producer@demo.fi' }),
            'GET /(units|partners|series)': () => json({ items: [], total: 0 }),
            'POST /activities': (req) => (expired && req.headers.get('Authorization') !== 'Bearer access-2' ? json({ status: 401 }, 401) : json({ id: 'a1' }, 201)),
            'GET /activities/a1': () => json({ id: 'a1', title: 'Tanssit', starts_at: '2025-03-03T12:00:00Z', ends_at: '2025-03-03T13:00:00Z', status: 'planned', category: 'dance', version: 1 }),
            'GET /calendar': () => json({ items: [], total: 0 }),
            'POST /auth/refresh': () => json({ status: 401 }, 401),
            'POST /auth/login': () => json(tokens(2)),
        });
        renderWithApp(withDialog, { path: '/activities/new' });
        const title = await screen.findByLabelText(/^Title/);
        await user.type(title, 'Tanssit');
        await user.type(screen.getByLabelText(/^Date/), '2025-03-03');
        expired = true;
        await user.click(screen.getByRole('button', { name: 'Save' }));
        const dialog = await screen.findByRole('dialog', { name: 'Your session has expired' });
        expect(screen.getByLabelText(/^Title/)).toHaveValue('Tanssit');
        expect(within(dialog).getByLabelText(/^Email/)).toHaveValue('producer@demo.fi');
        await user.type(within(dialog).getByLabelText(/^Password/), 'demo-password');
        await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
        expect(await screen.findByText('Activity saved.')).toBeInTheDocument();
        const posts = calls.filter((c) => c.method === 'POST' && c.path === '/activities');
        expect(posts).toHaveLength(2);
        expect(posts[1].body).toMatchObject({ title: 'Tanssit' });
    });
});
