//! Transit batches: orders moved together from one site to another, planned → in_transit →
//! completed. Their orders (table `transit_batch_orders`) may be replaced only while planned.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{like_pattern, lower, not_found, now, Check, Page, Resource};
use crate::db::schema::{orders, transit_batch_orders, transit_batches};
use crate::db::AnyConnection;
use crate::domain::machine::{self, TRANSIT_BATCH_RULES};
use crate::domain::status::{Status, TransitBatchStatus};
use crate::domain::Entity;
use crate::error::ApiError;

/// A batch as the API shows it: its row and the ids of its orders.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TransitBatch {
    pub id: i64,
    pub code: String,
    pub origin: String,
    pub destination: String,
    /// Changed by the initiate and complete actions (`domain::machine::TRANSIT_BATCH`).
    #[schema(schema_with = crate::entities::fields::transit_batch_status_value)]
    pub status: TransitBatchStatus,
    /// Ascending.
    pub order_ids: Vec<i64>,
    #[serde(with = "super::rfc3339::option")]
    pub initiated_at: Option<NaiveDateTime>,
    #[serde(with = "super::rfc3339::option")]
    pub completed_at: Option<NaiveDateTime>,
    #[serde(with = "super::rfc3339")]
    pub created_at: NaiveDateTime,
    #[serde(with = "super::rfc3339")]
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = transit_batches)]
struct TransitBatchRow {
    id: i64,
    code: String,
    origin: String,
    destination: String,
    status: TransitBatchStatus,
    initiated_at: Option<NaiveDateTime>,
    completed_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i64,
}

impl TransitBatchRow {
    fn with_orders(self, order_ids: Vec<i64>) -> TransitBatch {
        TransitBatch {
            id: self.id,
            code: self.code,
            origin: self.origin,
            destination: self.destination,
            status: self.status,
            order_ids,
            initiated_at: self.initiated_at,
            completed_at: self.completed_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: self.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTransitBatch {
    /// Generated (`TB-20261125-0007`) when left out.
    #[schema(max_length = 2000, pattern = r"\S")]
    pub code: Option<String>,
    #[schema(max_length = 2000, pattern = r"\S")]
    pub origin: String,
    #[schema(max_length = 2000, pattern = r"\S")]
    pub destination: String,
    #[serde(default)]
    pub order_ids: Vec<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitBatchChanges {
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub code: Option<String>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub origin: Option<String>,
    #[serde(default, deserialize_with = "super::present")]
    #[schema(max_length = 2000, pattern = r"\S", nullable = false)]
    pub destination: Option<String>,
    /// Replaces the batch's orders; only while it is planned.
    #[serde(default, deserialize_with = "super::present")]
    #[schema(nullable = false)]
    pub order_ids: Option<Vec<i64>>,
}

#[derive(AsChangeset)]
#[diesel(table_name = transit_batches)]
struct RowChanges {
    code: Option<String>,
    origin: Option<String>,
    destination: Option<String>,
    version: i64,
    updated_at: NaiveDateTime,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct TransitBatchFilter {
    /// Searches code, origin and destination.
    pub q: Option<String>,
    #[param(schema_with = crate::entities::fields::transit_batch_status_filter)]
    pub status: Option<String>,
}

pub const STATUSES: &[&str] = TransitBatchStatus::NAMES;

fn check(check: &mut Check, code: Option<&str>, origin: Option<&str>, destination: Option<&str>) {
    if let Some(code) = code {
        check.text("code", code);
    }
    if let Some(origin) = origin {
        check.text("origin", origin);
    }
    if let Some(destination) = destination {
        check.text("destination", destination);
    }
}

/// The ids, deduplicated and sorted, after checking that every one is an order.
fn check_orders(conn: &mut AnyConnection, check: &mut Check, ids: &[i64]) -> Result<Vec<i64>, ApiError> {
    let ids: Vec<i64> = ids.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    if ids.is_empty() {
        return Ok(ids);
    }
    let found: BTreeSet<i64> =
        orders::table.filter(orders::id.eq_any(&ids)).select(orders::id).load(conn)?.into_iter().collect();
    let missing: Vec<String> = ids.iter().filter(|id| !found.contains(id)).map(i64::to_string).collect();
    if !missing.is_empty() {
        check.fail("order_ids", format!("no order with id {}", missing.join(", ")));
    }
    Ok(ids)
}

fn set_orders(conn: &mut AnyConnection, batch_id: i64, order_ids: &[i64]) -> Result<(), ApiError> {
    diesel::delete(transit_batch_orders::table.filter(transit_batch_orders::transit_batch_id.eq(batch_id)))
        .execute(conn)?;
    // One row at a time: the multi-backend connection has no batch insert.
    for order_id in order_ids {
        diesel::insert_into(transit_batch_orders::table)
            .values((transit_batch_orders::transit_batch_id.eq(batch_id), transit_batch_orders::order_id.eq(*order_id)))
            .execute(conn)?;
    }
    Ok(())
}

/// The order ids of each of `batch_ids`, in one query.
fn orders_of(conn: &mut AnyConnection, batch_ids: &[i64]) -> Result<HashMap<i64, Vec<i64>>, ApiError> {
    let pairs: Vec<(i64, i64)> = transit_batch_orders::table
        .filter(transit_batch_orders::transit_batch_id.eq_any(batch_ids))
        .order((transit_batch_orders::transit_batch_id, transit_batch_orders::order_id))
        .select((transit_batch_orders::transit_batch_id, transit_batch_orders::order_id))
        .load(conn)?;
    let mut by_batch: HashMap<i64, Vec<i64>> = HashMap::new();
    for (batch, order) in pairs {
        by_batch.entry(batch).or_default().push(order);
    }
    Ok(by_batch)
}

/// A code no batch has yet: `TB-<date>-<next id>`, counting up past any taken by hand.
fn generate_code(conn: &mut AnyConnection) -> Result<String, ApiError> {
    let last: Option<i64> = transit_batches::table.select(diesel::dsl::max(transit_batches::id)).first(conn)?;
    let date = Utc::now().format("%Y%m%d");
    let mut next = last.unwrap_or(0) + 1;
    loop {
        let code = format!("TB-{date}-{next:04}");
        let taken: bool =
            diesel::select(diesel::dsl::exists(transit_batches::table.filter(transit_batches::code.eq(&code))))
                .get_result(conn)?;
        if !taken {
            return Ok(code);
        }
        next += 1;
    }
}

fn locked(id: i64, status: TransitBatchStatus, what: &str, allowed: &[TransitBatchStatus]) -> ApiError {
    let allowed = machine::either(allowed);
    ApiError::conflict("batch_locked", format!("transit batch {id} is {status}: {what} only while it is {allowed}"))
}

// The columns of the fields `Entity::TransitBatch.sortable()` declares.
super::sorting::sort_columns!(transit_batches: id, code, origin, destination, status, initiated_at, completed_at, created_at);

type Filtered<'a> = transit_batches::BoxedQuery<'a, <AnyConnection as Connection>::Backend>;

fn filtered(filter: &TransitBatchFilter) -> Filtered<'_> {
    let mut query = transit_batches::table.into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        let pattern = lower(like_pattern(q));
        query = query.filter(
            lower(transit_batches::code)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(transit_batches::origin).like(pattern.clone()).escape('\\'))
                .or(lower(transit_batches::destination).like(pattern).escape('\\')),
        );
    }
    if let Some(status) = &filter.status {
        query = query.filter(transit_batches::status.eq(status));
    }
    query
}

impl Resource for TransitBatch {
    const ENTITY: Entity = Entity::TransitBatch;
    type New = NewTransitBatch;
    type Changes = TransitBatchChanges;
    type Filter = TransitBatchFilter;

    fn id(&self) -> i64 {
        self.id
    }

    fn version(&self) -> i64 {
        self.version
    }

    fn list(
        conn: &mut AnyConnection,
        filter: &TransitBatchFilter,
        page: Page,
    ) -> Result<(Vec<Self>, Option<i64>), ApiError> {
        super::check_filter("status", filter.status.as_deref(), STATUSES)?;
        let (rows, total): (Vec<TransitBatchRow>, _) =
            super::list_page!(conn, || filtered(filter), page, TransitBatchRow::as_select(), table: transit_batches);
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        let mut orders = orders_of(conn, &ids)?;
        let items = rows
            .into_iter()
            .map(|row| {
                let order_ids = orders.remove(&row.id).unwrap_or_default();
                row.with_orders(order_ids)
            })
            .collect();
        Ok((items, total))
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        let row = transit_batches::table
            .find(id)
            .select(TransitBatchRow::as_select())
            .first(conn)
            .map_err(not_found(Self::ENTITY, id))?;
        let order_ids = orders_of(conn, &[id])?.remove(&id).unwrap_or_default();
        Ok(row.with_orders(order_ids))
    }

    fn create(conn: &mut AnyConnection, new: NewTransitBatch) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(&mut errors, new.code.as_deref(), Some(&new.origin), Some(&new.destination));
        let order_ids = check_orders(conn, &mut errors, &new.order_ids)?;
        errors.finish()?;
        let code = match new.code {
            Some(code) => code,
            None => generate_code(conn)?,
        };
        let at = now();
        let id = diesel::insert_into(transit_batches::table)
            .values((
                transit_batches::code.eq(code),
                transit_batches::origin.eq(new.origin),
                transit_batches::destination.eq(new.destination),
                transit_batches::created_at.eq(at),
                transit_batches::updated_at.eq(at),
            ))
            .returning(transit_batches::id)
            .get_result(conn)?;
        set_orders(conn, id, &order_ids)?;
        Self::find(conn, id)
    }

    fn update(conn: &mut AnyConnection, current: Self, changes: TransitBatchChanges) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        check(&mut errors, changes.code.as_deref(), changes.origin.as_deref(), changes.destination.as_deref());
        let order_ids = match &changes.order_ids {
            Some(ids) => Some(check_orders(conn, &mut errors, ids)?),
            None => None,
        };
        errors.finish()?;
        if let Some(order_ids) = &order_ids {
            if *order_ids != current.order_ids {
                let allowed = TRANSIT_BATCH_RULES.orders_editable;
                if !allowed.contains(&current.status) {
                    return Err(locked(current.id, current.status, "its orders can be changed", allowed));
                }
                set_orders(conn, current.id, order_ids)?;
            }
        }
        diesel::update(transit_batches::table.find(current.id))
            .set(RowChanges {
                code: changes.code,
                origin: changes.origin,
                destination: changes.destination,
                version: current.version + 1,
                updated_at: now(),
            })
            .execute(conn)?;
        Self::find(conn, current.id)
    }

    fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), ApiError> {
        let current = Self::find(conn, id)?;
        if !TRANSIT_BATCH_RULES.deletable.contains(&current.status) {
            return Err(locked(id, current.status, "it can be deleted", TRANSIT_BATCH_RULES.deletable));
        }
        diesel::delete(transit_batch_orders::table.filter(transit_batch_orders::transit_batch_id.eq(id)))
            .execute(conn)?;
        super::delete_by_id!(conn, transit_batches::table, Self::ENTITY, id)
    }
}

impl TransitBatch {
    /// planned → in_transit, with at least one order.
    pub fn initiate(conn: &mut AnyConnection, current: Self) -> Result<Self, ApiError> {
        if !machine::TRANSIT_BATCH.allows(current.status, TransitBatchStatus::InTransit, "initiate") {
            return Err(ApiError::conflict(
                "illegal_transition",
                format!("a transit batch that is {} cannot be initiated", current.status),
            ));
        }
        if current.order_ids.is_empty() {
            return Err(ApiError::conflict("empty_batch", format!("transit batch {} has no orders", current.id)));
        }
        let at = now();
        diesel::update(transit_batches::table.find(current.id))
            .set((
                transit_batches::status.eq(TransitBatchStatus::InTransit),
                transit_batches::initiated_at.eq(at),
                super::touched!(transit_batches, at),
            ))
            .execute(conn)?;
        Self::find(conn, current.id)
    }

    /// in_transit → completed.
    pub fn complete(conn: &mut AnyConnection, current: Self) -> Result<Self, ApiError> {
        if !machine::TRANSIT_BATCH.allows(current.status, TransitBatchStatus::Completed, "complete") {
            return Err(ApiError::conflict(
                "illegal_transition",
                format!("a transit batch that is {} cannot be completed", current.status),
            ));
        }
        let at = now();
        diesel::update(transit_batches::table.find(current.id))
            .set((
                transit_batches::status.eq(TransitBatchStatus::Completed),
                transit_batches::completed_at.eq(at),
                super::touched!(transit_batches, at),
            ))
            .execute(conn)?;
        Self::find(conn, current.id)
    }
}
