// Test helpers: render a component inside the app's providers and a memory
// router, and fake the API with a small route table.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProvider, makeQueryClient } from '@/app/provider';
import type { Locale } from '@/lib/i18n/format';

/** renderWithApp renders `ui` at `path` (or a route tree) inside the app providers. */
export function renderWithApp(ui: ReactElement | RouteObject[], { path = '/', locale = 'en' as Locale } = {}) {
  const routes: RouteObject[] = Array.isArray(ui) ? ui : [{ path: '*', element: ui }];
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const client = makeQueryClient();
  client.setDefaultOptions({ queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } });
  return {
    router,
    ...render(
      <AppProvider locale={locale} client={client}>
        <RouterProvider router={router} />
      </AppProvider>,
    ),
  };
}

type Handler = (req: Request, match: RegExpMatchArray) => Response | Promise<Response>;

/** json makes a JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

/**
 * mockApi replaces fetch with a route table: keys are "METHOD /path-regex"
 * (the path after /api/v1). It records every request in `calls`.
 */
export function mockApi(table: Record<string, Handler>) {
  const calls: { method: string; path: string; body: unknown; headers: Headers }[] = [];
  const fetchMock = async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(req.url);
    const path = url.pathname.replace(/^\/api\/v1/, '') + url.search;
    const text = req.method === 'GET' ? '' : await req.clone().text();
    calls.push({ method: req.method, path, body: text ? JSON.parse(text) : undefined, headers: req.headers });
    for (const [key, h] of Object.entries(table)) {
      const [method, pattern] = key.split(' ');
      const m = path.match(new RegExp(`^${pattern}(\\?.*)?$`));
      if (method === req.method && m) return h(req, m);
    }
    return json({ title: 'Not found', status: 404 }, 404);
  };
  globalThis.fetch = fetchMock as typeof fetch;
  return { calls };
}

/** signIn stores tokens as if the user had signed in. */
export function signIn(expiresInSeconds = 900) {
  sessionStorage.setItem(
    'ks.tokens',
    JSON.stringify({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: Date.now() + expiresInSeconds * 1000 }),
  );
}
