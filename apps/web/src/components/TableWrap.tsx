import type { ReactNode } from 'react';

/**
 * A horizontally scrollable table container. It is focusable so keyboard users can scroll a
 * table wider than a phone screen (axe: scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
