import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's h1. It takes focus when a page opens after navigation so keyboard and screen-reader
 * users land on the new content instead of staying in the sidebar.
 */
export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement?.closest('.sidebar')) heading.current?.focus();
  }, []);
  return (
    <header className="page-header">
      <div>
        <h1 id="page-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
