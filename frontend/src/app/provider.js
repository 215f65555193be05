import { jsx as _jsx } from "react/jsx-runtime";
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nProvider } from '@/lib/i18n/i18n';
import { AuthProvider } from '@/lib/auth/auth';
import { ApiError } from '@/lib/api/errors';
/** makeQueryClient gives the query cache: no retries of client errors. */
export function makeQueryClient() {
    return new QueryClient({
        defaultOptions: {
            queries: {
                staleTime: 30_000,
                refetchOnWindowFocus: false,
                retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
            },
            mutations: { retry: false },
        },
    });
}
/** AppProvider wraps the app in its query cache, language and session. */
export function AppProvider({ children, locale, client }) {
    const [qc] = useState(() => client ?? makeQueryClient());
    return (_jsx(QueryClientProvider, { client: qc, children: _jsx(I18nProvider, { initial: locale, children: _jsx(AuthProvider, { children: children }) }) }));
}
