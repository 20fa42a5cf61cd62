import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { t } from '../i18n';

/**
 * A table's scrolling wrapper. When the table is wider than its place (long Vietnamese headings,
 * a narrow window) the wrapper becomes a named, focusable group, so keyboard users can scroll it
 * with the arrow keys (WCAG 2.1.1); when everything fits it is no extra tab stop. A group, not a
 * region: it is no landmark of its own beside the card (a region) that holds it.
 */
export function TableScroll({ className, label, children }: { className?: string; label?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={className ? `table-wrap ${className}` : 'table-wrap'}
      {...(scrolls ? { tabIndex: 0, role: 'group', 'aria-label': label ?? t().common.scrollableTable } : {})}
    >
      {children}
    </div>
  );
}
