//! `Day`: the calendar day every form and filter takes. Not an entity: it keeps request dates
//! within the years both backends store alike, so no date reaches the database unchecked.

use chrono::NaiveDate;
use diesel::backend::Backend;
use diesel::serialize::{Output, ToSql};
use diesel::sql_types::Date;
use serde::Deserialize;

/// A day, `YYYY-MM-DD`, in the years 0001 to 9999.
///
/// SQLite would store any year chrono knows and PostgreSQL refuses some (before 4714 BC), so a
/// date out of this range fails deserialization: 422 naming the field in a body, 400
/// `bad_query` in a query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, diesel::AsExpression)]
#[serde(try_from = "NaiveDate")]
#[diesel(sql_type = Date)]
pub struct Day(NaiveDate);

impl Day {
    /// The first day both backends store alike.
    pub const FIRST: Day = Day(NaiveDate::from_ymd_opt(1, 1, 1).expect("a valid date"));
    /// The last day both backends store alike.
    pub const LAST: Day = Day(NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date"));

    /// `date` as a `Day`, or `None` outside the years 0001 to 9999.
    pub fn new(date: NaiveDate) -> Option<Day> {
        (Day::FIRST.0..=Day::LAST.0).contains(&date).then_some(Day(date))
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

impl TryFrom<NaiveDate> for Day {
    type Error = String;

    fn try_from(date: NaiveDate) -> Result<Day, String> {
        Day::new(date).ok_or_else(|| format!("must be a day in the years 0001 to 9999 (not {date})"))
    }
}

impl From<Day> for NaiveDate {
    fn from(day: Day) -> NaiveDate {
        day.0
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<DB: Backend> ToSql<Date, DB> for Day
where
    NaiveDate: ToSql<Date, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> diesel::serialize::Result {
        self.0.to_sql(out)
    }
}

#[cfg(test)]
mod tests {
    use super::Day;

    fn parse(json: &str) -> Result<Day, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn the_years_0001_to_9999_are_days() {
        assert_eq!(parse("\"0001-01-01\"").unwrap(), Day::FIRST);
        assert_eq!(parse("\"9999-12-31\"").unwrap(), Day::LAST);
        assert_eq!(parse("\"2026-11-29\"").unwrap().to_string(), "2026-11-29");
    }

    #[test]
    fn years_outside_are_refused() {
        for outside in ["\"0000-12-31\"", "\"-4714-01-01\"", "\"-5000-01-01\"", "\"+10000-01-01\""] {
            let error = parse(outside).unwrap_err();
            assert!(error.contains("must be a day in the years 0001 to 9999"), "{outside}: {error}");
        }
        assert!(parse("\"10000-01-01\"").is_err());
    }
}
