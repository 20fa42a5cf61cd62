import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../i18n';
import { reportError } from '../stores/errors';

interface State {
  failed: boolean;
}

/** A page that throws while rendering shows a message; the frame and navigation keep working. */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, _info: ErrorInfo): void {
    reportError(() => t().errors.contexts.showingPage, { code: 'INTERNAL', message: error.message });
  }

  override render(): ReactNode {
    if (this.state.failed) {
      const m = t().shell;
      return (
        <div className="empty-state">
          <p className="empty-title">{m.pageFailedTitle}</p>
          <div className="empty-hint">{m.pageFailedHint}</div>
        </div>
      );
    }
    return this.props.children;
  }
}
