//! Sorting a list by one of its sortable fields (those its `#[collection]` declares): each entity
//! binds the fields to its columns with `sorting::sort_columns!`; text compares byte by byte on both databases.

use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Bool, Date, Double, Nullable, Text, Timestamp};
use diesel::sqlite::Sqlite;
use diesel::QueryResult;

use crate::db::MultiBackend;

/// A column as a sort compares it. SQLite compares text byte by byte; PostgreSQL would use the
/// database's collation (which may put `b` before `B` and ignore punctuation), so there the text
/// is compared `COLLATE "C"`: UTF-8 byte order, the same as SQLite's, whatever the database.
#[derive(Debug, Clone, Copy, QueryId, ValidGrouping)]
pub struct Bytewise<E>(pub E);

/// Whether a column of this SQL type is text, which PostgreSQL compares by collation.
pub trait Collated {
    const TEXT: bool;
}

macro_rules! collated {
    ($($sql:ty => $text:expr),+ $(,)?) => {
        $(
            impl Collated for $sql {
                const TEXT: bool = $text;
            }
            impl Collated for Nullable<$sql> {
                const TEXT: bool = $text;
            }
        )+
    };
}

collated!(Text => true, BigInt => false, Bool => false, Date => false, Timestamp => false, Double => false);

impl<E: Expression> Expression for Bytewise<E> {
    type SqlType = E::SqlType;
}

impl<E: AppearsOnTable<QS>, QS: ?Sized> AppearsOnTable<QS> for Bytewise<E> {}

impl<E: SelectableExpression<QS>, QS: ?Sized> SelectableExpression<QS> for Bytewise<E> {}

impl<E: QueryFragment<Sqlite>> QueryFragment<Sqlite> for Bytewise<E> {
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }
}

impl<E> QueryFragment<Pg> for Bytewise<E>
where
    E: QueryFragment<Pg> + Expression,
    E::SqlType: Collated,
{
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        if <E::SqlType as Collated>::TEXT {
            pass.push_sql("(");
            self.0.walk_ast(pass.reborrow())?;
            pass.push_sql(") COLLATE \"C\"");
            Ok(())
        } else {
            self.0.walk_ast(pass)
        }
    }
}

impl<E> QueryFragment<MultiBackend> for Bytewise<E>
where
    E: QueryFragment<Pg> + QueryFragment<Sqlite> + Expression,
    E::SqlType: Collated,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        MultiBackend::walk_variant_ast(self, pass)
    }
}

/// The backend of every query (`AnyConnection`'s).
pub type Db = <crate::db::AnyConnection as diesel::Connection>::Backend;

/// The Rust type of a sortable column's values, to read the key of the record a page follows.
pub trait SortKey {
    type Rust;
}

macro_rules! sort_key {
    ($($sql:ty => $rust:ty),+ $(,)?) => {
        $(
            impl SortKey for Nullable<$sql> {
                type Rust = $rust;
            }
        )+
    };
}

sort_key!(
    Text => String,
    BigInt => i64,
    Bool => bool,
    Date => chrono::NaiveDate,
    Timestamp => chrono::NaiveDateTime,
    Double => f64,
);

/// The value type of column `C` (as read through `.nullable()`).
pub type KeyOf<C> = <<diesel::dsl::Nullable<C> as Expression>::SqlType as SortKey>::Rust;

/// Binds a collection's sortable fields to the columns of `$table` (each field is the column of
/// its name), making `sorted`, which `list_page!` calls for a page with a sort: ordered by
/// the field, records without a value last both ways, `id` breaking ties in the same direction,
/// and only the records after the record `after` in that order (found by its own values, so the
/// cursor stays the id). That record is looked up in `within`, the same list: one the caller
/// may not see (another driver's) or that is not in it is a 400 naming `after`, so a cursor
/// never tells where a record outside the list would sort.
macro_rules! sort_columns {
    ($table:ident: $($column:ident),+ $(,)?) => {
        fn sorted<'a>(
            conn: &mut $crate::db::AnyConnection,
            query: $table::BoxedQuery<'a, $crate::entities::sorting::Db>,
            within: $table::BoxedQuery<'a, $crate::entities::sorting::Db>,
            sort: &$crate::entities::Sort,
            after: Option<i64>,
        ) -> Result<$table::BoxedQuery<'a, $crate::entities::sorting::Db>, $crate::error::ApiError> {
            $(
                if sort.field == stringify!($column) {
                    return $crate::entities::sorting::sort_by!(conn, query, within, sort.descending, after, $table, $column);
                }
            )+
            // A declared field without its column here; tests/suite/sorting.rs sorts by every one.
            Err($crate::error::ApiError::bad_query("sort", format!("{} cannot be sorted by {}", stringify!($table), sort.field)))
        }
    };
}
pub(crate) use sort_columns;

/// `$query` ordered by `$table::$column` (nulls last both ways, then `$table::id` the same way),
/// after the record `$after` of `$within` when given: answers `Result<$query, ApiError>`.
macro_rules! sort_by {
    ($conn:expr, $query:expr, $within:expr, $descending:expr, $after:expr, $table:ident, $column:ident) => {{
        let column = $crate::entities::sorting::Bytewise($table::$column);
        let query = if $descending {
            $query.order(($table::$column.is_null().asc(), column.desc(), $table::id.desc()))
        } else {
            $query.order(($table::$column.is_null().asc(), column.asc(), $table::id.asc()))
        };
        match $after {
            None => Ok(query),
            Some(after) => {
                let key: Option<$crate::entities::sorting::KeyOf<$table::$column>> = $within
                    .filter($table::id.eq(after))
                    .select($table::$column.nullable())
                    .first($conn)
                    .optional()?
                    .ok_or_else(|| {
                        $crate::error::ApiError::bad_query("after", format!("no record {after} in this list to list after"))
                    })?;
                Ok(if $descending {
                    $crate::entities::sorting::sort_by!(@after query, key, after, $table, $column, lt)
                } else {
                    $crate::entities::sorting::sort_by!(@after query, key, after, $table, $column, gt)
                })
            }
        }
    }};
    // Beyond `$key` in the direction of `$beyond`; or level with it and beyond record `$after` by
    // id; or, having no value, after every record that has one. A record `$after` without a
    // value is followed only by others without one, beyond it by id.
    (@after $query:expr, $key:expr, $after:expr, $table:ident, $column:ident, $beyond:ident) => {{
        let column = $crate::entities::sorting::Bytewise($table::$column);
        match $key {
            Some(key) => $query.filter(
                column
                    .$beyond(key.clone())
                    .or(column.eq(key).and($table::id.$beyond($after)))
                    .or($table::$column.is_null()),
            ),
            None => $query.filter($table::$column.is_null().and($table::id.$beyond($after))),
        }
    }};
}
pub(crate) use sort_by;
