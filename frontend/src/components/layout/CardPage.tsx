import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * CardPage is a page outside the signed-in layout (signing in, an email's
 * unsubscribe link): one card with the language switch on top.
 */
export function CardPage({ children }: { children: ReactNode }) {
  return (
    <div className="login-page">
      <main id="main" className="login-card">
        <div className="login-top">
          <LanguageSwitch />
        </div>
        {children}
      </main>
    </div>
  );
}
