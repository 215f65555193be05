import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { useMemo } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppProvider } from './provider';
import { routes } from './routes';
import { ReloginDialog } from '@/features/auth/components/ReloginDialog';
/** App is the whole single-page app. */
export function App() {
    const router = useMemo(() => createBrowserRouter(routes), []);
    return (_jsxs(AppProvider, { children: [_jsx(RouterProvider, { router: router }), _jsx(ReloginDialog, {})] }));
}
