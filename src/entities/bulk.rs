//! Bulk writes: one record's write applied to many records in one transaction, all or none. Each
//! record's write runs in a savepoint of its own, so every refusal is heard before any is answered.

use std::collections::HashSet;

use diesel::Connection;

use super::write::Written;
use super::{how_many, Resource};
use crate::db::AnyConnection;
use crate::domain::catalog::MAX_BULK_IDS;
use crate::error::ApiError;

/// 422 naming `ids` unless they name between 1 and `MAX_BULK_IDS` records, each once (the body
/// size limit has already bounded how many were read).
pub fn check_ids(ids: &[i64]) -> Result<(), ApiError> {
    if ids.is_empty() {
        return Err(ApiError::invalid("ids", "must name at least one record"));
    }
    if ids.len() > MAX_BULK_IDS {
        return Err(ApiError::invalid("ids", format!("may name at most {MAX_BULK_IDS} records (not {})", ids.len())));
    }
    if let Some(id) = ids.iter().find(|id| **id < 1) {
        return Err(ApiError::invalid("ids", format!("must be record ids (1 or more), not {id}")));
    }
    let mut seen = HashSet::with_capacity(ids.len());
    if let Some(id) = ids.iter().find(|id| !seen.insert(**id)) {
        return Err(ApiError::invalid("ids", format!("must name each record once ({id} is there twice)")));
    }
    Ok(())
}

/// `change` on each record of `R` that `ids` names, in that order, inside the caller's
/// transaction: the records as they now are, with every event of every record in that order.
/// If any record is refused (not found, an illegal transition, a rule saying no), the answer is
/// one 409 `bulk_refused` naming each refused id with its reason, and the caller's transaction
/// rolls back what the others did. `what` is what each record was to do ("become confirmed").
/// Any other error (the database, a body every record shares being invalid) is answered as is.
pub fn each<R: Resource>(
    conn: &mut AnyConnection,
    ids: &[i64],
    what: &str,
    mut change: impl FnMut(&mut AnyConnection, i64) -> Result<Written<R>, ApiError>,
) -> Result<Written<Vec<R>>, ApiError> {
    let mut records = Vec::with_capacity(ids.len());
    let mut events = Vec::with_capacity(ids.len());
    let mut refused: Vec<(i64, String)> = Vec::new();
    for &id in ids {
        // A savepoint: a refusal after some SQL leaves the transaction usable (on PostgreSQL an
        // error aborts it) and undoes that record's half, so later records see none of it.
        match conn.transaction(|conn| change(conn, id)) {
            Ok(written) => {
                records.push(written.value);
                events.extend(written.events);
            }
            Err(error) => refused.push((id, refusal(error)?)),
        }
    }
    if refused.is_empty() {
        return Ok(Written { value: records, events });
    }
    let entity = R::ENTITY;
    let plural = entity.collection().replace('-', " ");
    let listed: Vec<String> = refused.iter().map(|(id, _)| id.to_string()).collect();
    let message = format!(
        "{} of {} cannot {what}: {}",
        refused.len(),
        how_many(ids.len() as i64, entity.label(), &plural),
        listed.join(", ")
    );
    let reasons: serde_json::Map<String, serde_json::Value> =
        refused.iter().map(|(id, reason)| (id.to_string(), reason.clone().into())).collect();
    let refused_ids: Vec<i64> = refused.iter().map(|(id, _)| *id).collect();
    Err(ApiError::ConflictWith {
        code: "bulk_refused",
        message,
        details: serde_json::json!({ "ids": refused_ids, "reasons": reasons }),
    })
}

/// Why one record was refused, for an error that is about that record; any other error back.
fn refusal(error: ApiError) -> Result<String, ApiError> {
    match error {
        ApiError::NotFound(_) => Ok("not found".to_owned()),
        ApiError::Conflict { .. } | ApiError::ConflictWith { .. } | ApiError::PreconditionFailed { .. } => {
            Ok(error.to_string())
        }
        other => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bulk_action_names_at_most_one_page_of_records() {
        // So that a whole page of a list, selected, fits one request.
        assert_eq!(MAX_BULK_IDS as i64, super::super::MAX_LIMIT);
    }

    #[test]
    fn ids_are_between_one_and_the_most_records_each_named_once() {
        let field = |ids: &[i64]| match check_ids(ids) {
            Err(ApiError::Validation(fields)) => fields.keys().cloned().collect::<Vec<_>>(),
            other => panic!("{ids:?}: {other:?}"),
        };
        assert!(check_ids(&[3, 1, 2]).is_ok());
        assert!(check_ids(&(1..=MAX_BULK_IDS as i64).collect::<Vec<_>>()).is_ok());
        assert_eq!(field(&[]), ["ids"]);
        assert_eq!(field(&(1..=MAX_BULK_IDS as i64 + 1).collect::<Vec<_>>()), ["ids"]);
        assert_eq!(field(&[1, 0]), ["ids"]);
        assert_eq!(field(&[-4]), ["ids"]);
        assert_eq!(field(&[7, 8, 7]), ["ids"]);
    }
}
