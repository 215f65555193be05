import { NavLink, Outlet, useLocation } from 'react-router';
import { useEffect, useRef, type ReactNode } from 'react';
import { useAuth } from '@/lib/auth/auth';
import { useI18n } from '@/lib/i18n/i18n';
import type { NavItem } from '@/app/nav';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * Layout is the signed-in frame: skip link, header, role menu and main area.
 * `tools` go first in the header's tools (the app puts the notification bell there).
 */
export function Layout({ menu, tools }: { menu: NavItem[]; tools?: ReactNode }) {
  const { me, role, logout } = useAuth();
  const i = useI18n();
  const { t } = i;
  const loc = useLocation();
  const main = useRef<HTMLElement>(null);
  // Move focus to the new screen's heading so screen-reader users hear it.
  useEffect(() => {
    const h1 = main.current?.querySelector<HTMLElement>('h1');
    h1?.focus({ preventScroll: true });
  }, [loc.pathname]);
  const name = me?.name || me?.email || '';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t('app.name')}</span>
        </div>
        <div className="header-tools">
          {tools}
          <span className="who">{t('app.signedInAs', { name, role: i.tk('role', role) })}</span>
          <LanguageSwitch />
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void logout()}>
            {t('action.signOut')}
          </button>
        </div>
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label={t('app.menu')}>
          <ul>
            {menu.map((i) => (
              <li key={i.path}>
                <NavLink to={i.path}>{t(i.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={main} tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
