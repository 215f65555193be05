import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { I18nProvider } from '@/lib/i18n/i18n';
import { AuthProvider } from '@/lib/auth/auth';
import { ApiError } from '@/lib/api/errors';
import type { Locale } from '@/lib/i18n/format';

/** makeQueryClient gives the query cache: no retries of client errors. */
export function makeQueryClient(): QueryClient {
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
export function AppProvider({ children, locale, client }: { children: ReactNode; locale?: Locale; client?: QueryClient }) {
  const [qc] = useState(() => client ?? makeQueryClient());
  return (
    <QueryClientProvider client={qc}>
      <I18nProvider initial={locale}>
        <AuthProvider>{children}</AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
