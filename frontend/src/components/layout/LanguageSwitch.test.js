import { jsxs as _jsxs, jsx as _jsx, Fragment as _Fragment } from "react/jsx-runtime";
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderWithApp, signIn } from '@/testing/render';
import { useAuth } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';
const me = { id: 'u1', email: 'maija@demo.fi', name: 'Maija', role: 'mentor', unit_ids: ['x'], scopes: [], version: 3 };
function Probe() {
    const { status } = useAuth();
    const { t, locale } = useI18n();
    return (_jsxs(_Fragment, { children: [_jsxs("p", { "data-testid": "state", children: [status, " ", locale, " ", t('app.language')] }), _jsx(LanguageSwitch, {})] }));
}
describe('the user language', () => {
    it('starts in the language of the signed-in user, whatever the browser remembered', async () => {
        signIn();
        mockApi({ 'GET /me': () => json({ ...me, locale: 'en' }) });
        renderWithApp(_jsx(Probe, {}), { locale: 'fi' });
        await waitFor(() => expect(screen.getByTestId('state')).toHaveTextContent('authenticated en Language'));
        expect(localStorage.getItem('ks.locale')).toBe('en');
    });
    it('saves a switch as the user language with PATCH /me', async () => {
        const user = userEvent.setup();
        signIn();
        const { calls } = mockApi({
            'GET /me': () => json({ ...me, locale: 'en' }),
            'PATCH /me': async (req) => json({ ...me, locale: (await req.json()).locale, version: 4 }),
        });
        renderWithApp(_jsx(Probe, {}), { locale: 'en' });
        await waitFor(() => expect(screen.getByTestId('state')).toHaveTextContent('authenticated en'));
        await user.click(screen.getByRole('button', { name: 'Suomi' }));
        await waitFor(() => expect(screen.getByTestId('state')).toHaveTextContent('authenticated fi Kieli'));
        expect(calls.filter((c) => c.method === 'PATCH').map((c) => [c.path, c.body])).toEqual([['/me', { locale: 'fi' }]]);
        expect(screen.getByRole('button', { name: 'Suomi' })).toHaveAttribute('aria-pressed', 'true');
    });
    it('switches anyway and says so when the language cannot be saved', async () => {
        const user = userEvent.setup();
        signIn();
        mockApi({
            'GET /me': () => json({ ...me, locale: 'en' }),
            'PATCH /me': () => json({ status: 422, title: 'Validation failed' }, 422),
        });
        renderWithApp(_jsx(Probe, {}), { locale: 'en' });
        await waitFor(() => expect(screen.getByTestId('state')).toHaveTextContent('authenticated en'));
        await user.click(screen.getByRole('button', { name: 'Suomi' }));
        expect(await screen.findByRole('alert')).toHaveTextContent('Kielivalintaa ei voitu tallentaa tiliisi.');
        expect(screen.getByTestId('state')).toHaveTextContent('fi');
    });
    it('only switches the screen when nobody is signed in', async () => {
        const user = userEvent.setup();
        const { calls } = mockApi({});
        renderWithApp(_jsx(Probe, {}), { locale: 'en' });
        await user.click(screen.getByRole('button', { name: 'Suomi' }));
        expect(screen.getByTestId('state')).toHaveTextContent('anonymous fi');
        expect(calls).toEqual([]);
    });
});
