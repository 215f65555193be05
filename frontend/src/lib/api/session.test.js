import { describe, expect, it, vi } from 'vitest';
import { api, unwrap } from './client';
import { setReloginHandler } from './session';
import { ApiError, SessionEndedError } from './errors';
import { getTokens, setTokens } from '../auth/tokens';
import { json, mockApi, signIn } from '@/testing/render';
const unit = { name: 'Koivukoti', kind: 'care_home', organisation: 'Hyvinvointialue', sector: 'public' };
describe('authFetch', () => {
    it('sends the bearer token', async () => {
        signIn();
        const { calls } = mockApi({ 'GET /me': () => json({ id: 'u1', role: 'producer' }) });
        await unwrap(api.GET('/me', {}));
        expect(calls[0].headers.get('Authorization')).toBe('Bearer access-1');
    });
    it('refreshes once on 401 and repeats the request with its body', async () => {
        signIn();
        let refreshes = 0;
        const { calls } = mockApi({
            'POST /units': (req) => req.headers.get('Authorization') === 'Bearer access-2' ? json({ id: 'n1' }, 201) : json({ status: 401 }, 401),
            'POST /auth/refresh': () => {
                refreshes++;
                return json({ access_token: 'access-2', refresh_token: 'refresh-2', token_type: 'Bearer', expires_in: 900 });
            },
        });
        const data = await unwrap(api.POST('/units', { body: unit }));
        expect(data).toEqual({ id: 'n1' });
        expect(refreshes).toBe(1);
        expect(calls.filter((c) => c.path === '/units').map((c) => c.body)).toEqual([unit, unit]);
        expect(getTokens()?.refreshToken).toBe('refresh-2');
    });
    it('shares one refresh between concurrent requests', async () => {
        signIn();
        let refreshes = 0;
        mockApi({
            'GET /units': (req) => (req.headers.get('Authorization') === 'Bearer access-2' ? json({ items: [], total: 0 }) : json({}, 401)),
            'POST /auth/refresh': async () => {
                refreshes++;
                await new Promise((r) => setTimeout(r, 10));
                return json({ access_token: 'access-2', refresh_token: 'refresh-2', expires_in: 900 });
            },
        });
        await Promise.all([unwrap(api.GET('/units', {})), unwrap(api.GET('/units', {}))]);
        expect(refreshes).toBe(1);
    });
    it('waits for the user to sign in again when refresh fails, then retries', async () => {
        signIn();
        const handler = vi.fn(async () => {
            setTokens({ accessToken: 'access-9', refreshToken: 'refresh-9', expiresAt: Date.now() + 900_000 });
        });
        setReloginHandler(handler);
        const { calls } = mockApi({
            'PATCH /units/u1': (req) => (req.headers.get('Authorization') === 'Bearer access-9' ? json({ id: 'u1', version: 2 }) : json({}, 401)),
            'POST /auth/refresh': () => json({ status: 401 }, 401),
        });
        const data = await unwrap(api.PATCH('/units/{id}', { params: { path: { id: 'u1' } }, body: { name: 'Uusi' } }));
        expect(handler).toHaveBeenCalledTimes(1);
        expect(data).toEqual({ id: 'u1', version: 2 });
        expect(calls.at(-1)?.body).toEqual({ name: 'Uusi' });
        setReloginHandler(null);
    });
    it('never sends the old token when signing in', async () => {
        signIn();
        const { calls } = mockApi({ 'POST /auth/login': () => json({ access_token: 'a', refresh_token: 'r', expires_in: 900 }) });
        await unwrap(api.POST('/auth/login', { body: { email: 'x@y.fi', password: 'p' } }));
        expect(calls[0].headers.get('Authorization')).toBeNull();
    });
    it('fails with SessionEndedError when the user gives up', async () => {
        signIn();
        setReloginHandler(() => Promise.reject(new SessionEndedError()));
        mockApi({ 'GET /me': () => json({}, 401), 'POST /auth/refresh': () => json({}, 401) });
        await expect(unwrap(api.GET('/me', {}))).rejects.toBeInstanceOf(SessionEndedError);
        setReloginHandler(null);
    });
    it('turns a problem into an ApiError with field errors', async () => {
        signIn();
        mockApi({
            'POST /units': () => json({ type: 'urn:kulttuurisilta:problem:validation', title: 'Invalid request', status: 422, errors: [{ field: 'body.name', message: 'is required', code: 'required' }] }, 422),
        });
        const err = await unwrap(api.POST('/units', { body: unit })).catch((e) => e);
        expect(err).toBeInstanceOf(ApiError);
        expect(err.status).toBe(422);
        expect(err.slug).toBe('validation');
        expect(err.fieldErrors).toEqual({ name: [{ field: 'body.name', message: 'is required', code: 'required' }] });
    });
});
