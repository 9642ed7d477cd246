import type { ReactNode } from 'react';

export type Column<T> = { header: string; cell: (row: T) => ReactNode; numeric?: boolean };

/** A plain table with an accessible name; `rowKey` keeps rows (and their focus) across refetches. */
export function Table<T>({ label, columns, rows, rowKey, empty }: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => number;
  empty: string;
}) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>{columns.map((column) => <th key={column.header} scope="col" className={column.numeric ? 'numeric' : undefined}>{column.header}</th>)}</tr>
      </thead>
      <tbody>
        {rows.length === 0
          ? <tr><td colSpan={columns.length} className="muted">{empty}</td></tr>
          : rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => <td key={column.header} className={column.numeric ? 'numeric' : undefined}>{column.cell(row)}</td>)}
            </tr>
          ))}
      </tbody>
    </table>
  );
}
