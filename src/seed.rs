//! Demo data.
use crate::db::AnyConnection;
pub fn seed_demo(_conn: &mut AnyConnection) -> Result<Option<String>, crate::error::ApiError> {
    Ok(None)
}
