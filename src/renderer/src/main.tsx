import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AuthGate } from './auth/AuthGate';
import { connectEngine } from './engine-connection';
import { I18nProvider } from './i18n/i18n-context';
import './styles/app.css';

const engine = connectEngine();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AuthGate engine={engine}>
        <App />
      </AuthGate>
    </I18nProvider>
  </StrictMode>,
);
