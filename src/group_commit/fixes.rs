//! Drivers' position fixes, written together: the fixes a group holds one after another, each
//! of another driver, are read in one statement and moved in one more (`actions::driver_locations`),
//! instead of a savepoint, a read and an update each. A fleet sends a fix every few seconds per
//! driver, so most of a busy group is fixes; on PostgreSQL each statement is a round trip made
//! while the group holds the log's lock.
//!
//! Each fix is still a write of its own: its checks (scope, `If-Match`, the form) are its own, a
//! fix that fails them runs after the others as a change of its own (`Fix::change`), which
//! answers why, and its event takes its own `seq`, in the order the fixes came. Should a
//! statement fail, the fixes are rolled back together and each runs again as a change of its own,
//! so one that fails fails alone.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::oneshot;

use super::{clone_error, Change, Group, Grouped, Job, Savepoint, Staged};
use crate::db::AnyConnection;
use crate::domain::event::By;
use crate::domain::Entity;
use crate::entities::actions::{self, Fix, FixChange};
use crate::entities::driver::{Driver, LocationForm};
use crate::error::{ApiError, DbUnavailable};
use crate::realtime::event_log::{self, LoggedEvent};

pub(super) struct FixJob {
    pub by: By,
    pub fix: Fix,
    pub reply: oneshot::Sender<Grouped<Driver, FixChange>>,
}

impl FixJob {
    fn into_change(self) -> Box<dyn Job> {
        Box::new(Change { by: self.by, entity: Entity::Driver, change: self.fix.change, reply: self.reply })
    }
}

impl Job for FixJob {
    fn run(self: Box<Self>, conn: &mut AnyConnection, group: &mut Group) -> Option<Staged> {
        self.into_change().run(conn, group)
    }

    fn fail(self: Box<Self>, error: ApiError) {
        let _ = self.reply.send(Grouped::Done(Err(error)));
    }

    fn fix_of(&self) -> Option<i64> {
        Some(self.fix.driver)
    }

    fn into_fix(self: Box<Self>) -> Result<FixJob, Box<dyn Job>> {
        Ok(*self)
    }
}

/// What writing fixes together made of one of them.
enum Outcome {
    /// Moved, with its events logged.
    Moved(Driver, Vec<Arc<LoggedEvent>>),
    /// Not admitted: it runs as a change of its own, after the others.
    Alone,
}

/// Runs `fixes` (of distinct drivers, in the order they came) in `group`'s transaction, and
/// answers those that wait for its commit.
pub(super) fn run(conn: &mut AnyConnection, group: &mut Group, fixes: Vec<FixJob>) -> Vec<Staged> {
    if fixes.len() < 2 {
        return each_alone(conn, group, fixes);
    }
    let claimed = match group.prepare(conn, Entity::Driver) {
        Ok(claimed) => claimed,
        Err(ApiError::Database(DbUnavailable::TableLocked(_))) => {
            for job in fixes {
                let _ = job.reply.send(Grouped::Alone(job.fix.change));
            }
            return Vec::new();
        }
        Err(error) => {
            for job in fixes {
                Box::new(job).fail(clone_error(&error));
            }
            return Vec::new();
        }
    };
    let mark = group.batch.mark();
    let outcomes = match together(conn, group, &fixes) {
        Ok(outcomes) => {
            group.savepoint = Savepoint::Holding;
            outcomes
        }
        Err(error) => {
            tracing::warn!("{} position fixes written together failed, so each runs alone: {error}", fixes.len());
            group.batch.rewind(mark);
            if let Err(broken) = group.roll_back(conn, claimed) {
                tracing::error!("rolling back position fixes in their group: {broken}");
            }
            return each_alone(conn, group, fixes);
        }
    };
    let mut staged = Vec::new();
    let mut alone = Vec::new();
    for (job, outcome) in fixes.into_iter().zip(outcomes) {
        match outcome {
            Outcome::Moved(driver, logged) => {
                let reply = job.reply;
                staged.push(Staged {
                    logged,
                    answer: Box::new(move |committed| {
                        let _ = reply.send(Grouped::Done(committed.map(|()| driver)));
                    }),
                });
            }
            Outcome::Alone => alone.push(job),
        }
    }
    staged.extend(each_alone(conn, group, alone));
    staged
}

/// Runs each of `fixes` as a change of its own, in order, and answers those that wait for the
/// group's commit.
fn each_alone(conn: &mut AnyConnection, group: &mut Group, fixes: Vec<FixJob>) -> Vec<Staged> {
    fixes.into_iter().filter_map(|job| Box::new(job).run(conn, group)).collect()
}

/// Reads the drivers of `fixes`, moves those whose fix is admitted in one statement and logs
/// their events, in order; answers what became of each fix.
fn together(conn: &mut AnyConnection, group: &mut Group, fixes: &[FixJob]) -> Result<Vec<Outcome>, ApiError> {
    let ids: Vec<i64> = fixes.iter().map(|job| job.fix.driver).collect();
    let mut current: HashMap<i64, Driver> =
        Driver::find_many(conn, &ids)?.into_iter().map(|driver| (driver.id, driver)).collect();
    let mut moves: Vec<(Driver, LocationForm)> = Vec::new();
    let mut admitted = Vec::with_capacity(fixes.len());
    for Fix { driver, form, admit, .. } in fixes.iter().map(|job| &job.fix) {
        match current.remove(driver) {
            Some(driver) if admit(&driver) && form.check().is_ok() => {
                moves.push((driver, *form));
                admitted.push(true);
            }
            _ => admitted.push(false),
        }
    }
    let mut written = actions::driver_locations(conn, &moves)?.into_iter();
    let mut outcomes = Vec::with_capacity(fixes.len());
    for (job, admitted) in fixes.iter().zip(admitted) {
        if !admitted {
            outcomes.push(Outcome::Alone);
            continue;
        }
        let write = written.next().expect("a write for each fix admitted");
        let (moved, logged) = event_log::record_locked(conn, &mut group.batch, &job.by, |_| Ok(write))?;
        outcomes.push(Outcome::Moved(moved, logged));
    }
    Ok(outcomes)
}
