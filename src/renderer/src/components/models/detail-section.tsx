import type { ReactNode } from 'react';

/** A titled part of the model detail panel, exposed as a region named by its heading. */
export function DetailSection({ titleId, title, children }: { titleId: string; title: string; children: ReactNode }) {
  return (
    <section className="detail-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      {children}
    </section>
  );
}
