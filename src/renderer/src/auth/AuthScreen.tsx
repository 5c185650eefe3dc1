import type { FormEvent, ReactNode } from 'react';
import { useT } from '../i18n/i18n-context';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The frame of the screens shown before the app: setup, sign-in, lock. */
export function AuthScreen({ title, intro, onSubmit, children }: { title: string; intro?: string; onSubmit(): void; children: ReactNode }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <AuthScreenFrame title={title} intro={intro}>
      <form onSubmit={submit} noValidate>
        {children}
      </form>
    </AuthScreenFrame>
  );
}

/** The same frame around content that brings its own form. */
export function AuthScreenFrame({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="auth-screen">
      <main className="auth-card card">
        <p className="brand">{t('app.name')}</p>
        <h1>{title}</h1>
        {intro && <p>{intro}</p>}
        {children}
        <LanguageSwitch />
      </main>
    </div>
  );
}
