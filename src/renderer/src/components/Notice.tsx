import type { ReactNode } from 'react';

/** A message about what just happened: errors interrupt (alert), the rest (warnings too) is announced politely (status). */
export function Notice({ tone, children }: { tone: 'error' | 'warning' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
