//! CSV export of every collection's list (`?format=csv`, or `Accept: text/csv`): the JSON list's
//! filters, sort and driver scope, streamed a page at a time so memory holds one page at most.

use std::collections::HashSet;

use actix_web::http::header::{self, Header, Quality};
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};
use futures_util::stream::{self, StreamExt};
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::OwnedSemaphorePermit;

use super::shared::SEQ_HEADER;
use crate::domain::fields::{Field, Kind};
use crate::entities::{Page, Resource};
use crate::error::ApiError;
use crate::AppState;

/// Rows read per page: each page is one short read transaction of its own, encoded and handed to
/// the connection before the next is read, so an export holds about this many records at most.
const PAGE_ROWS: i64 = 250;

/// How many exports may stream at once; another is 503 `overloaded`. Each reads only while its
/// client takes the bytes, so this bounds what slow readers hold, not the pool (no connection is
/// kept between pages).
pub const MAX_EXPORTS: usize = 4;

/// What a list answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

/// The list's query parameters the export reads besides the JSON list's: `format`, and `limit`,
/// which caps the whole export rather than a page (so it is not lowered to 500).
#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
    limit: Option<i64>,
}

impl ExportQuery {
    /// `?format=json|csv` when given (anything else is a 400 naming `format`); else CSV when the
    /// `Accept` header ranks `text/csv` above JSON.
    pub fn format(&self, req: &HttpRequest) -> Result<Format, ApiError> {
        match self.format.as_deref() {
            Some("json") => Ok(Format::Json),
            Some("csv") => Ok(Format::Csv),
            Some(other) => Err(ApiError::bad_query("format", format!("must be one of: json, csv (not {other:?})"))),
            None if prefers_csv(req) => Ok(Format::Csv),
            None => Ok(Format::Json),
        }
    }

    /// The most records to export; checked (1 or more) with the JSON list's `limit`.
    pub fn limit(&self) -> Option<i64> {
        self.limit
    }
}

/// Whether `Accept` gives `text/csv` a higher quality than anything JSON would satisfy
/// (`application/json`, `application/*`, `*/*`); a tie, or no `Accept`, is JSON.
fn prefers_csv(req: &HttpRequest) -> bool {
    let Ok(accept) = header::Accept::parse(req) else {
        return false;
    };
    let best = |wanted: &dyn Fn(&mime::Mime) -> bool| {
        accept.iter().filter(|item| wanted(&item.item)).map(|item| item.quality).max().unwrap_or(Quality::ZERO)
    };
    let csv = best(&|mime| mime.type_() == mime::TEXT && mime.subtype() == "csv");
    let json = best(&|mime| {
        mime.type_() == mime::STAR
            || (mime.type_() == mime::APPLICATION && [mime::STAR, mime::JSON].contains(&mime.subtype()))
    });
    csv > Quality::ZERO && csv > json
}

/// The export of the records of `R` that `filter` matches (none when `reachable` is false: a
/// driver's export of a collection without their records), in `page`'s order from its `after` or
/// `offset`, at most `limit` of them. The first page is read before answering, so a bad filter,
/// sort or `after` is the JSON list's 400; the rest are read as the client takes the bytes.
pub async fn export<R: Resource>(
    state: web::Data<AppState>,
    filter: R::Filter,
    reachable: bool,
    page: Page,
    limit: Option<i64>,
) -> Result<HttpResponse, ApiError> {
    let permit = state.exports.clone().try_acquire_owned().map_err(|_| ApiError::ExportsBusy)?;
    let columns: Vec<&'static Field> = R::DECLARATION.fields.iter().filter(|field| field.kind != Kind::Lines).collect();
    let mut export = Export::<R> {
        state,
        filter: reachable.then_some(filter),
        page: Page { count: false, ..page },
        remaining: limit,
        last_ids: Vec::new(),
        columns,
        _permit: permit,
    };
    let mut head = String::new();
    push_row(&mut head, export.columns.iter().map(|field| header_of(field)));
    let (first, seq) = export.next_chunk().await?;
    head.push_str(&first.unwrap_or_default());
    let rest = stream::unfold(Some(export), |export| async move {
        let mut export = export?;
        match export.next_chunk().await {
            Ok((Some(chunk), _)) => Some((Ok(Bytes::from(chunk)), Some(export))),
            Ok((None, _)) => None,
            Err(error) => {
                // The status line is gone: all that is left is to end the body short.
                tracing::warn!(collection = R::ENTITY.collection(), ?error, "CSV export cut off");
                Some((Err(error), None))
            }
        }
    });
    let body = stream::once(std::future::ready(Ok(Bytes::from(head)))).chain(rest);
    let filename = format!("{}-{}.csv", R::ENTITY.collection(), chrono::Utc::now().format("%Y-%m-%d"));
    let mut response = HttpResponse::Ok();
    response
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")));
    if let Some(seq) = seq {
        // The first page's snapshot; later pages are snapshots of their own.
        response.insert_header((SEQ_HEADER, seq.to_string()));
    }
    Ok(response.streaming(body))
}

/// An export under way: where its next page starts, and its share of the exports at once.
struct Export<R: Resource> {
    state: web::Data<AppState>,
    /// `None` once every page is read (or there was nothing to read).
    filter: Option<R::Filter>,
    /// The next page to read.
    page: Page,
    /// How many records `limit` still allows.
    remaining: Option<i64>,
    /// The ids of the page read last, in order: the next page's cursor is the last of them.
    last_ids: Vec<i64>,
    columns: Vec<&'static Field>,
    _permit: OwnedSemaphorePermit,
}

impl<R: Resource> Export<R> {
    /// The next rows as CSV, `None` when there are no more, and the seq of the snapshot they were
    /// read in (`None` when nothing was read).
    async fn next_chunk(&mut self) -> Result<(Option<String>, Option<i64>), ApiError> {
        loop {
            let Some(filter) = self.filter.take() else {
                return Ok((None, None));
            };
            let size = self.remaining.map_or(PAGE_ROWS, |remaining| remaining.min(PAGE_ROWS));
            let page = Page { limit: size, ..self.page.clone() };
            let sent = std::mem::take(&mut self.last_ids);
            let ((records, ids, filter), seq) = self
                .state
                .read(move |conn| {
                    let (records, ids) = read_page::<R>(conn, &filter, page, &sent)?;
                    Ok((records, ids, filter))
                })
                .await?;
            self.remaining = self.remaining.map(|remaining| remaining - records.len() as i64);
            let more = ids.len() as i64 == size && self.remaining != Some(0);
            if more {
                self.filter = Some(filter);
                self.page.after = ids.last().copied();
                self.page.offset = 0;
            }
            self.last_ids = ids;
            match (records.is_empty(), more) {
                // Every record of this page was sent before (the cursor fell back): read on.
                (true, true) => continue,
                // No empty chunk: a chunked body's empty chunk is its end.
                (true, false) => return Ok((None, Some(seq))),
                (false, _) => return Ok((Some(self.encode(&records)?), Some(seq))),
            }
        }
    }

    fn encode(&self, records: &[R]) -> Result<String, ApiError> {
        let mut out = String::new();
        for record in records {
            let value =
                serde_json::to_value(record).map_err(|e| ApiError::Internal(format!("serializing a record: {e}")))?;
            push_row(&mut out, self.columns.iter().map(|field| cell(field.kind, value.get(field.name))));
        }
        Ok(out)
    }
}

/// One page after the cursor, the last of `sent` (the previous page's ids). A sorted list finds
/// its place by the cursor's record; if that record has gone since (deleted, or no longer
/// matching), the one before it serves, and the records of `sent` that then come again are
/// dropped. Answers the records to send and the ids of every record read, in order.
fn read_page<R: Resource>(
    conn: &mut crate::db::AnyConnection,
    filter: &R::Filter,
    mut page: Page,
    sent: &[i64],
) -> Result<(Vec<R>, Vec<i64>), ApiError> {
    let mut fallbacks = sent.iter().rev().skip(1);
    loop {
        match R::list(conn, filter, page.clone()) {
            Err(ApiError::BadQuery { parameter, .. }) if parameter == "after" && !sent.is_empty() => {
                match fallbacks.next() {
                    Some(earlier) => page.after = Some(*earlier),
                    None => {
                        return Err(ApiError::Internal("every record of the last page is gone: cannot go on".into()))
                    }
                }
            }
            Err(error) => return Err(error),
            Ok((records, _)) => {
                let ids: Vec<i64> = records.iter().map(Resource::id).collect();
                let sent: HashSet<i64> = sent.iter().copied().collect();
                let fresh = records.into_iter().filter(|record| !sent.contains(&record.id())).collect();
                return Ok((fresh, ids));
            }
        }
    }
}

/// A column's header: the field's name, and for money (`amount_cents`) `amount (decimal units)`.
fn header_of(field: &Field) -> String {
    match field.kind {
        Kind::Money => format!("{} (decimal units)", field.name.strip_suffix("_cents").unwrap_or(field.name)),
        _ => field.name.to_owned(),
    }
}

/// A cell: the record's JSON value as text (dates and timestamps as the JSON writes them, ISO
/// 8601), money in decimal units, a list of ids joined by spaces, null empty.
fn cell(kind: Kind, value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) if kind == Kind::Money => {
            number.as_i64().map_or_else(|| number.to_string(), decimal_units)
        }
        Some(Value::Array(items)) => {
            items.iter().map(|item| cell(Kind::Integer, Some(item))).collect::<Vec<_>>().join(" ")
        }
        Some(other) => other.to_string(),
    }
}

/// 12345 cents → `123.45`; -5 → `-0.05`; 0 → `0.00` (exact for every i64).
fn decimal_units(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let units = cents.unsigned_abs();
    format!("{sign}{}.{:02}", units / 100, units % 100)
}

/// One RFC 4180 record: fields joined by commas, ended by CRLF; a field holding a comma, a quote,
/// CR or LF is quoted, its quotes doubled. Values are written as they are (no formula escaping),
/// so they read back exactly.
fn push_row(out: &mut String, fields: impl Iterator<Item = impl AsRef<str>>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = field.as_ref();
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_in_decimal_units() {
        assert_eq!(decimal_units(12345), "123.45");
        assert_eq!(decimal_units(-5), "-0.05");
        assert_eq!(decimal_units(0), "0.00");
        assert_eq!(decimal_units(100), "1.00");
        assert_eq!(decimal_units(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        let mut out = String::new();
        push_row(&mut out, ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", "=1+1", ""].iter());
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",=1+1,\r\n");
    }

    #[test]
    fn cells_hold_json_values_as_text() {
        assert_eq!(cell(Kind::Text, None), "");
        assert_eq!(cell(Kind::Text, Some(&Value::Null)), "");
        assert_eq!(cell(Kind::Boolean, Some(&serde_json::json!(true))), "true");
        assert_eq!(cell(Kind::Money, Some(&serde_json::json!(-1999))), "-19.99");
        assert_eq!(cell(Kind::Integer, Some(&serde_json::json!(-1999))), "-1999");
        assert_eq!(cell(Kind::References, Some(&serde_json::json!([3, 17, 42]))), "3 17 42");
        assert_eq!(
            cell(Kind::Timestamp, Some(&serde_json::json!("2026-11-25T09:30:00.123456Z"))),
            "2026-11-25T09:30:00.123456Z"
        );
    }
}
