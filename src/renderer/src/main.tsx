import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { reportError } from './stores/errors';
import { startTheme } from './stores/theme';
import { startLocale, t, useLocale } from './i18n';
import './styles.css';

// Anything that escapes a handler is shown in the banner rather than left to the console.
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  const reason: unknown = event.reason;
  reportError(() => t().errors.contexts.background, { code: 'INTERNAL', message: reason instanceof Error ? reason.message : String(reason) });
});

startTheme();
startLocale();

/** The app keyed on the language: a switch in Settings re-renders every text from the catalogue. */
function LocalisedApp() {
  const locale = useLocale((s) => s.locale);
  return <App key={locale} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LocalisedApp />
  </StrictMode>,
);
