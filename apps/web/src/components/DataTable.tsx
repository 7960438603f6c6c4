import type { ReactNode } from 'react';
import { TableWrap } from './TableWrap';

/** A column header; a hidden one is read by screen readers only (a column of buttons needs no visible title). */
export type Column = string | { label: string; hidden: true };

export const ACTIONS_COLUMN: Column = { label: 'Actions', hidden: true };

/**
 * A data table in its scrollable, keyboard-reachable wrapper, with a caption for screen readers
 * and column headers; the caller gives the rows (`<tr>`), so each screen states only its cells.
 */
export function DataTable({
  label,
  caption = label,
  columns,
  children,
}: {
  /** Names the scrollable region (and the table, unless `caption` says more). */
  label: string;
  caption?: string;
  columns: readonly Column[];
  children: ReactNode;
}) {
  return (
    <TableWrap label={label}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) =>
              typeof c === 'string' ? (
                <th key={c} scope="col">
                  {c}
                </th>
              ) : (
                <th key={c.label} scope="col">
                  <span className="visually-hidden">{c.label}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
}
