//! Transit batches: orders moved together from one site to another, planned → in_transit →
//! completed. Their orders (table `transit_batch_orders`) may be replaced only while planned.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use switchboard_macros::collection;
use utoipa::ToSchema;

use super::{now, Check, Page, Resource};
use crate::db::schema::{orders, transit_batch_orders, transit_batches};
use crate::db::AnyConnection;
use crate::domain::fields::Declaration;
use crate::domain::machine::{self, TRANSIT_BATCH_RULES};
use crate::domain::status::TransitBatchStatus;
use crate::domain::Entity;
use crate::error::ApiError;

/// A batch as the API shows it: its row and the ids of its orders.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TransitBatch {
    #[serde(flatten)]
    pub row: TransitBatchRow,
    /// Ascending.
    pub order_ids: Vec<i64>,
}

impl std::ops::Deref for TransitBatch {
    type Target = TransitBatchRow;

    fn deref(&self) -> &TransitBatchRow {
        &self.row
    }
}

/// A batch's row; its orders are `transit_batch_orders`.
#[collection(entity = TransitBatch, table = transit_batches, range = created_at)]
pub struct TransitBatchRow {
    /// `TB-<date>-<number>` when left out.
    #[field(text, filled, sortable, searchable)]
    pub code: String,
    #[field(text, sortable, searchable)]
    pub origin: String,
    #[field(text, sortable, searchable)]
    pub destination: String,
    /// Changed by the initiate and complete actions (`domain::machine::TRANSIT_BATCH`).
    #[field(status = TransitBatchStatus, server, sortable, filter)]
    pub status: TransitBatchStatus,
    #[field(server, sortable, label = "Initiated")]
    pub initiated_at: Option<NaiveDateTime>,
    #[field(server, sortable, label = "Completed")]
    pub completed_at: Option<NaiveDateTime>,
    /// The orders it moves; changed only while the batch is planned.
    #[field(references, reference = Order, input, label = "Orders")]
    pub order_ids: Vec<i64>,
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

impl Resource for TransitBatch {
    const ENTITY: Entity = Entity::TransitBatch;
    const DECLARATION: Declaration = DECLARATION;
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
        let (rows, total) = list_rows(conn, filter, page)?;
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        let mut orders = orders_of(conn, &ids)?;
        let items = rows
            .into_iter()
            .map(|row| {
                let order_ids = orders.remove(&row.id).unwrap_or_default();
                TransitBatch { row, order_ids }
            })
            .collect();
        Ok((items, total))
    }

    fn find(conn: &mut AnyConnection, id: i64) -> Result<Self, ApiError> {
        let row = find_row(conn, id)?;
        let order_ids = orders_of(conn, &[id])?.remove(&id).unwrap_or_default();
        Ok(TransitBatch { row, order_ids })
    }

    fn create(conn: &mut AnyConnection, new: NewTransitBatch) -> Result<Self, ApiError> {
        let mut errors = Check::new();
        new.check(conn, &mut errors)?;
        let order_ids = check_orders(conn, &mut errors, &new.order_ids)?;
        errors.finish()?;
        let code = match &new.code {
            Some(code) => code.clone(),
            None => generate_code(conn)?,
        };
        let at = now();
        let id = diesel::insert_into(transit_batches::table)
            .values((
                new,
                transit_batches::code.eq(code),
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
        changes.check(conn, &mut errors)?;
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
            .set((changes, super::touched!(transit_batches)))
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
