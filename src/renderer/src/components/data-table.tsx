import type { ReactNode } from 'react';
import { t } from '../i18n';
import { TableScroll } from './table-scroll';

/** A header cell: plain text, or with `num` right-aligned, `title` as an abbreviation's expansion. */
export type Column = string | { label: string; num?: boolean; title?: string; hidden?: boolean };

/**
 * The last column of a table with row buttons: named for screen readers, blank on screen. Its
 * label is a getter, read while the header renders, so it is in the language shown (pages keep
 * this object in module-level column lists).
 */
export const ACTIONS_COLUMN: Column = {
  get label() {
    return t().common.actions;
  },
  hidden: true,
};

function HeaderCell({ column }: { column: Column }) {
  const { label, num, title, hidden } = typeof column === 'string' ? { label: column } : column;
  const text = title ? <abbr title={title}>{label}</abbr> : label;
  return (
    <th scope="col" className={num ? 'num' : undefined}>
      {hidden ? <span className="visually-hidden">{text}</span> : text}
    </th>
  );
}

/**
 * The scaffolding every data table shares: the scrolling wrapper (a card of its own when `card`),
 * an optional caption for screen readers and the header row; the caller renders the body rows.
 */
export function DataTable({
  columns,
  caption,
  card,
  className,
  children,
}: {
  columns: readonly Column[];
  caption?: string;
  card?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <TableScroll className={card ? 'card' : undefined} label={caption}>
      <table className={className ? `data-table ${className}` : 'data-table'}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <HeaderCell key={typeof c === 'string' ? c : c.label} column={c} />
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
