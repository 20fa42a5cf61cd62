import type { ReactNode } from 'react';

/** Label/value pairs as a definition list; `children` adds items that need their own markup. */
export function FactList({ facts, children }: { facts: ReadonlyArray<readonly [string, string]>; children?: ReactNode }) {
  return (
    <dl className="facts">
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
      {children}
    </dl>
  );
}
