//! PostgreSQL statements for the round trips a write makes while it holds the event log's lock:
//! several sent as one (`Together`), and rows written as one array a column (`unnest`), so that
//! the statement's text is the same however many rows a group writes, and PostgreSQL parses it
//! once per connection.

use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::{PgConnection, QueryResult, RunQueryDsl};

/// Data-modifying statements run as one, `WITH first AS (…), second AS (…) last`: each runs
/// once, in one round trip, on one snapshot, so none of them may read what another writes (they
/// write different tables). Their bound parameters stay bound. diesel keeps it prepared when no
/// part says it must not be: parts written with [`unnest`] or by hand (`event_log`'s head), not
/// diesel's own `UPDATE` or multi-row `VALUES`.
pub struct Together<'a> {
    before: Vec<Box<dyn QueryFragment<Pg> + 'a>>,
    last: Box<dyn QueryFragment<Pg> + 'a>,
}

impl<'a> Together<'a> {
    /// `last`, with nothing before it yet.
    pub fn new(last: impl QueryFragment<Pg> + 'a) -> Together<'a> {
        Together { before: Vec::new(), last: Box::new(last) }
    }

    /// Runs `statement` as well (in the `WITH` list, before `last`).
    pub fn and(mut self, statement: impl QueryFragment<Pg> + 'a) -> Together<'a> {
        self.before.push(Box::new(statement));
        self
    }

    pub fn execute(self, conn: &mut PgConnection) -> QueryResult<usize> {
        RunQueryDsl::execute(self, conn)
    }
}

impl QueryFragment<Pg> for Together<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        for (index, statement) in self.before.iter().enumerate() {
            out.push_sql(if index == 0 { "WITH " } else { ", " });
            out.push_sql(&format!("written_{index} AS ("));
            statement.walk_ast(out.reborrow())?;
            out.push_sql(")");
        }
        out.push_sql(" ");
        self.last.walk_ast(out.reborrow())
    }
}

impl QueryId for Together<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl RunQueryDsl<PgConnection> for Together<'_> {}

/// Writes `INSERT INTO table (columns) SELECT * FROM unnest(…)`, each column's rows bound as one
/// array: the text is the same for one row or a thousand, so diesel keeps the statement
/// prepared. The arrays must be as long as each other.
pub fn unnest<'b>(mut out: AstPass<'_, 'b, Pg>, table: &str, columns: &[(&str, &'b dyn Bind)]) -> QueryResult<()> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    out.push_sql(&format!("INSERT INTO {table} ({}) SELECT * FROM unnest(", names.join(", ")));
    for (index, (_, rows)) in columns.iter().enumerate() {
        if index > 0 {
            out.push_sql(", ");
        }
        rows.bind(out.reborrow())?;
    }
    out.push_sql(")");
    Ok(())
}

/// One column's rows, as an array parameter of its SQL type (`unnest`).
pub trait Bind {
    fn bind<'b>(&'b self, out: AstPass<'_, 'b, Pg>) -> QueryResult<()>;
}

/// A column's rows as `Vec<T>`, bound as an array of `ST`.
pub struct Column<ST, T>(Vec<T>, std::marker::PhantomData<ST>);

impl<ST, T> Column<ST, T> {
    pub fn of(rows: Vec<T>) -> Self {
        Column(rows, std::marker::PhantomData)
    }
}

impl<ST, T> Bind for Column<ST, T>
where
    ST: diesel::sql_types::SqlType + 'static,
    Pg: diesel::sql_types::HasSqlType<diesel::sql_types::Array<ST>>,
    Vec<T>: diesel::serialize::ToSql<diesel::sql_types::Array<ST>, Pg>,
{
    fn bind<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_bind_param::<diesel::sql_types::Array<ST>, Vec<T>>(&self.0)
    }
}

/// A statement whose text never changes, which diesel keeps prepared, so PostgreSQL parses it
/// once per connection (diesel's `sql_query` is parsed anew each time); its rows are read by
/// name (`QueryableByName`).
pub struct Fixed<'a>(pub &'a str);

impl QueryFragment<Pg> for Fixed<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql(self.0);
        Ok(())
    }
}

impl QueryId for Fixed<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for Fixed<'_> {
    type SqlType = diesel::sql_types::Untyped;
}

impl RunQueryDsl<PgConnection> for Fixed<'_> {}
