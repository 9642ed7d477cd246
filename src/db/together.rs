//! Several PostgreSQL statements sent as one (`Together`), for the round trips a write makes
//! while it holds the event log's lock.

use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::{PgConnection, QueryResult, RunQueryDsl};

/// Data-modifying statements run as one, `WITH first AS (…), second AS (…) last`: each runs
/// once, in one round trip, on one snapshot, so none of them may read what another writes (they
/// write different tables). Their bound parameters stay bound.
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
        // Its text depends on how many rows each statement writes.
        out.unsafe_to_cache_prepared();
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
