import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { connectEngine } from './engine-connection';
import { EngineProvider } from './engine/engine-context';
import { I18nProvider } from './i18n/i18n-context';
import './styles/app.css';

const engine = connectEngine();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <EngineProvider engine={engine}>
        <App />
      </EngineProvider>
    </I18nProvider>
  </StrictMode>,
);
