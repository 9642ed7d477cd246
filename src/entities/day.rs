//! `Day`: the calendar day every form and filter takes. Not an entity: it keeps request dates
//! within the years both backends store alike, so no date reaches the database unchecked.

use chrono::NaiveDate;
use diesel::backend::Backend;
use diesel::serialize::{Output, ToSql};
use diesel::sql_types::Date;
use serde::Deserialize;

/// A day, `YYYY-MM-DD`, in the years 0001 to 9999.
///
/// Exactly ten characters, `YYYY-MM-DD`: chrono alone would also take `" 2024-01-01"`,
/// `"2024-1-1"` and `"+002024-01-01"`, which the OpenAPI document's `format: date` does not. SQLite
/// would store any year chrono knows and PostgreSQL refuses some (before 4714 BC), so a date out
/// of this range fails too. Either fails deserialization: 422 naming the field in a body, 400
/// `bad_query` naming the parameter in a query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, diesel::AsExpression)]
#[serde(try_from = "String")]
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

impl TryFrom<String> for Day {
    type Error = String;

    fn try_from(text: String) -> Result<Day, String> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        let date = shaped.then(|| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()).flatten();
        match date {
            Some(date) => Day::try_from(date),
            None => Err(format!("must be a day written YYYY-MM-DD, like 2026-11-29 (not {text:?})")),
        }
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

/// The first and last day of a `YYYY-MM` month, or `None` when `period` is not one.
pub fn month_bounds(period: &str) -> Option<(NaiveDate, NaiveDate)> {
    let bytes = period.as_bytes();
    let shaped = bytes.len() == 7 && bytes[4] == b'-' && bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit);
    if !shaped {
        return None;
    }
    let year: i32 = period[..4].parse().ok()?;
    let month: u32 = period[5..].parse().ok()?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).and_then(Day::new)?.date();
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next.pred_opt()?))
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
        let error = parse("\"0000-12-31\"").unwrap_err();
        assert!(error.contains("must be a day in the years 0001 to 9999"), "{error}");
        for outside in ["\"-4714-01-01\"", "\"-5000-01-01\"", "\"+10000-01-01\"", "\"10000-01-01\""] {
            let error = parse(outside).unwrap_err();
            assert!(error.contains("must be a day written YYYY-MM-DD"), "{outside}: {error}");
        }
    }

    #[test]
    fn only_the_ten_character_form_is_a_day() {
        for lenient in [
            "\" 2024-01-01\"",
            "\"2024-01-01 \"",
            "\"2024-1-1\"",
            "\"+002024-01-01\"",
            "\"2024-01-1\"",
            "\"2024/01/01\"",
            "\"2024-02-30\"",
            "\"２０２４-01-01\"",
        ] {
            let error = parse(lenient).unwrap_err();
            assert!(error.contains("must be a day written YYYY-MM-DD"), "{lenient}: {error}");
        }
    }
}
