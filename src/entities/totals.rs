//! Adding up a list's money fields (those its `#[collection]` declares `summed`) over every record that
//! matches its filters: each entity binds the fields to its columns with `totals::sum_columns!`.

pub use super::Sums;

/// The database adds up each amount's high and low 32 bits apart (`amount / HALF`,
/// `amount % HALF`), so a sum never overflows in SQL (SQLite fails on an overflowing `SUM`, and
/// PostgreSQL's `SUM(bigint)` is a `numeric` diesel would need another crate to read), however
/// large the amounts, for lists of up to two billion records.
pub const HALF: i64 = 1 << 32;

/// `high * HALF + low`, saturating at the ends of i64 as the views' totals do: one record may
/// hold up to i64::MAX cents.
pub fn combine(high: i64, low: i64) -> i64 {
    let exact = i128::from(high) * i128::from(HALF) + i128::from(low);
    i64::try_from(exact).unwrap_or(if exact < 0 { i64::MIN } else { i64::MAX })
}

/// Every declared field at 0: the sums of a list with nothing in it.
pub fn zero(summed: &[&'static str]) -> Sums {
    summed.iter().map(|field| (*field, 0)).collect()
}

/// Binds a collection's summed fields to the columns of `$table` (each field is the column of its
/// name), making `summed(conn, query, page)`: the sums over every record `query()` (a boxed query
/// of `$table`, the list's filters) answers, of those `page.ids` names if it names some, as
/// `list_page!` counts `total`. Text SQL because diesel types `SUM(bigint)` as `numeric`
/// on PostgreSQL; the names in it are this line's column names, never a client's words.
macro_rules! sum_columns {
    ($table:ident: $($column:ident),+ $(,)?) => {
        fn summed<'a>(
            conn: &mut $crate::db::AnyConnection,
            query: impl Fn() -> $table::BoxedQuery<'a, $crate::entities::sorting::Db>,
            page: &$crate::entities::Page,
        ) -> Result<$crate::entities::totals::Sums, $crate::error::ApiError> {
            let mut sums = $crate::entities::totals::Sums::new();
            $(
                let column = concat!(stringify!($table), ".", stringify!($column));
                let halves = diesel::dsl::sql::<(diesel::sql_types::BigInt, diesel::sql_types::BigInt)>(&format!(
                    "COALESCE(CAST(SUM({column} / {half}) AS BIGINT), 0), COALESCE(CAST(SUM({column} % {half}) AS BIGINT), 0)",
                    half = $crate::entities::totals::HALF,
                ));
                let only = match &page.ids {
                    Some(ids) => query().filter($table::id.eq_any(ids.clone())),
                    None => query(),
                };
                let (high, low): (i64, i64) = only.select(halves).get_result(conn)?;
                sums.insert(stringify!($column), $crate::entities::totals::combine(high, low));
            )+
            Ok(sums)
        }
    };
}
pub(crate) use sum_columns;

#[cfg(test)]
mod tests {
    use super::combine;

    #[test]
    fn halves_combine_exactly_and_saturate() {
        assert_eq!(combine(0, 0), 0);
        assert_eq!(combine(1, 5), 4_294_967_301);
        assert_eq!(combine(-1, -5), -4_294_967_301);
        assert_eq!(combine(2_147_483_647, 4_294_967_295), i64::MAX);
        assert_eq!(combine(2_147_483_647, 8_589_934_590), i64::MAX);
        assert_eq!(combine(4_294_967_296, 0), i64::MAX);
        assert_eq!(combine(-4_294_967_296, 0), i64::MIN);
    }
}
