/** The page's title, with how many records the list holds in all once known. */
export function PageHeader({ title, total }: { title: string; total?: number | null }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {total != null && <p className="muted">{total} in all</p>}
    </header>
  );
}
