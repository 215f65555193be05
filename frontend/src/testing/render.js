import { jsx as _jsx } from "react/jsx-runtime";
// Test helpers: render a component inside the app's providers and a memory
// router, and fake the API with a small route table.
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider, makeQueryClient } from '@/app/provider';
/** renderWithApp renders `ui` at `path` (or a route tree) inside the app providers. */
export function renderWithApp(ui, { path = '/', locale = 'en' } = {}) {
    const routes = Array.isArray(ui) ? ui : [{ path: '*', element: ui }];
    const router = createMemoryRouter(routes, { initialEntries: [path] });
    const client = makeQueryClient();
    client.setDefaultOptions({ queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } });
    return {
        router,
        ...render(_jsx(AppProvider, { locale: locale, client: client, children: _jsx(RouterProvider, { router: router }) })),
    };
}
/** json makes a JSON response. */
export function json(body, status = 200, headers = {}) {
    return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
    });
}
/**
 * mockApi replaces fetch with a route table: keys are "METHOD /path-regex"
 * (the path after /api/v1). It records every request in `calls`.
 */
export function mockApi(table) {
    const calls = [];
    const fetchMock = async (input, init) => {
        const req = input instanceof Request ? input : new Request(String(input), init);
        const url = new URL(req.url);
        const path = url.pathname.replace(/^\/api\/v1/, '') + url.search;
        const text = req.method === 'GET' ? '' : await req.clone().text();
        calls.push({ method: req.method, path, body: text ? JSON.parse(text) : undefined, headers: req.headers });
        for (const [key, h] of Object.entries(table)) {
            const [method, pattern] = key.split(' ');
            const m = path.match(new RegExp(`^${pattern}(\\?.*)?$`));
            if (method === req.method && m)
                return h(req, m);
        }
        return json({ title: 'Not found', status: 404 }, 404);
    };
    globalThis.fetch = fetchMock;
    return { calls };
}
/** signIn stores tokens as if the user had signed in. */
export function signIn(expiresInSeconds = 900) {
    sessionStorage.setItem('ks.tokens', JSON.stringify({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: Date.now() + expiresInSeconds * 1000 }));
}
