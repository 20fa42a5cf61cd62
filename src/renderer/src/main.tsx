import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { reportError } from './stores/errors';
import { startTheme } from './stores/theme';
import './styles.css';

// Anything that escapes a handler is shown in the banner rather than left to the console.
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  const reason: unknown = event.reason;
  reportError('Background task', { code: 'INTERNAL', message: reason instanceof Error ? reason.message : String(reason) });
});

startTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
