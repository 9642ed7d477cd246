//! Closes the WebSockets of revoked or expired tokens and of ended browser sessions. The
//! instance that handles a revocation or log-out closes its own at once; this sweep, once a
//! second on every instance, catches the rest (other instances, and expiry, which nobody does).

use std::time::Duration;

use actix::Addr;
use actix_web::web;

use super::broadcaster::{Broadcaster, CloseFor};
use crate::db::DbPool;
use crate::entities::now;

const SWEEP_EVERY: Duration = Duration::from_secs(1);
/// Each sweep looks this far behind the last one too: a revocation committed just after a
/// sweep, but stamped just before it, is still caught. Closing a session twice is harmless.
const OVERLAP: chrono::Duration = chrono::Duration::seconds(5);

pub fn spawn(pool: DbPool, broadcaster: Addr<Broadcaster>) {
    actix_web::rt::spawn(async move {
        let mut since = now();
        let mut interval = actix_web::rt::time::interval(SWEEP_EVERY);
        loop {
            interval.tick().await;
            let until = now();
            let pool = pool.clone();
            let ended = web::block(move || {
                let mut conn = pool.get().map_err(|e| e.to_string())?;
                crate::auth::ended_between(&mut conn, since - OVERLAP, until).map_err(|e| e.to_string())
            })
            .await;
            match ended {
                Ok(Ok((tokens, sessions))) => {
                    since = until;
                    if !tokens.is_empty() || !sessions.is_empty() {
                        broadcaster.do_send(CloseFor {
                            tokens,
                            sessions,
                            reason: "credentials revoked, expired or logged out",
                        });
                    }
                }
                Ok(Err(error)) => tracing::warn!("could not check for revoked tokens: {error}"),
                Err(error) => tracing::warn!("could not check for revoked tokens: {error}"),
            }
            if !broadcaster.connected() {
                return;
            }
        }
    });
}
