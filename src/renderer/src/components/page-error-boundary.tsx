import { Component, type ErrorInfo, type ReactNode } from 'react';
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
    reportError('Showing this page', { code: 'INTERNAL', message: error.message });
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <div className="empty-state">
          <p className="empty-title">This page could not be shown.</p>
          <div className="empty-hint">Choose another page, or reload the window.</div>
        </div>
      );
    }
    return this.props.children;
  }
}
