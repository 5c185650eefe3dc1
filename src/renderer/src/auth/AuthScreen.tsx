import type { FormEvent, ReactNode } from 'react';
import { useT } from '../i18n/i18n-context';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The frame of the screens shown before the app: setup, sign-in, lock. */
export function AuthScreen({ title, intro, onSubmit, children }: { title: string; intro?: string; onSubmit(): void; children: ReactNode }) {
  const t = useT();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <div className="auth-screen">
      <main className="auth-card card">
        <p className="brand">{t('app.name')}</p>
        <h1>{title}</h1>
        {intro && <p>{intro}</p>}
        <form onSubmit={submit} noValidate>
          {children}
        </form>
        <LanguageSwitch />
      </main>
    </div>
  );
}
