// The frame of the pages a person sees before signing in: sign-in, set a password, forgot it.
import type { ReactNode } from 'react';
import { LogoMark } from '../../shared/icons.tsx';

export function AuthFrame({
  title,
  lede,
  children,
  footnote,
}: {
  title: string;
  lede: ReactNode;
  children: ReactNode;
  footnote?: ReactNode;
}) {
  return (
    <main className="auth">
      <div className="auth-panel">
        <div className="auth-brand">
          <LogoMark />
          <span>Kept</span>
        </div>
        <div className="card auth-card">
          <h1 className="auth-title">{title}</h1>
          <p className="auth-lede">{lede}</p>
          {children}
        </div>
        {footnote && <p className="auth-footnote">{footnote}</p>}
      </div>
    </main>
  );
}
