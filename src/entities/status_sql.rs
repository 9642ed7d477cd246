//! The statuses (`crate::domain::status`) at the diesel boundary: each is stored as its name in a
//! TEXT column on both backends, read back through the same name, and an unknown name is an error.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;
use diesel::Connection;

use crate::db::AnyConnection;
use crate::domain::status::{DeliveryStatus, DriverStatus, InvoiceStatus, OrderStatus, Status, TransitBatchStatus};

type Db = <AnyConnection as Connection>::Backend;

/// The status named `text`, or why it is none (an unknown name: a newer build's, or a bad row).
fn named<S>(text: &str, parse: impl Fn(&str) -> Option<S>, kind: &str) -> deserialize::Result<S> {
    parse(text).ok_or_else(|| format!("{text:?} is not a {kind}").into())
}

macro_rules! text_column {
    ($($status:ty),+) => {$(
        impl FromSql<Text, Db> for $status {
            fn from_sql(bytes: <Db as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Db>>::from_sql(bytes)?;
                named(&text, <$status>::parse, stringify!($status))
            }
        }

        impl ToSql<Text, Db> for $status {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Db>) -> serialize::Result {
                <str as ToSql<Text, Db>>::to_sql(self.as_str(), out)
            }
        }

        // A list of statuses (`eq_any`, `ne_all`) is bound by each backend itself, and a record
        // read back by `RETURNING` (`entities::insert_returning`) read so.
        impl FromSql<Text, Pg> for $status {
            fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Pg>>::from_sql(bytes)?;
                named(&text, <$status>::parse, stringify!($status))
            }
        }

        impl FromSql<Text, Sqlite> for $status {
            fn from_sql(bytes: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Sqlite>>::from_sql(bytes)?;
                named(&text, <$status>::parse, stringify!($status))
            }
        }

        impl ToSql<Text, Pg> for $status {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
            }
        }

        impl ToSql<Text, Sqlite> for $status {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                <str as ToSql<Text, Sqlite>>::to_sql(self.as_str(), out)
            }
        }
    )+};
}

text_column!(OrderStatus, DeliveryStatus, TransitBatchStatus, DriverStatus, InvoiceStatus);
