//! Authentication: API tokens (random, shown once, stored only as a SHA-256), browser sessions
//! made from them (an HttpOnly cookie), and one-time WebSocket tickets. `middleware` checks
//! every request against `permissions`.

pub mod middleware;
pub mod rate_limit;
pub mod token_cache;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::db::schema::{api_tokens, web_sessions, ws_tickets};
use crate::db::AnyConnection;
pub use crate::domain::permissions::{Grant, Role};
use crate::domain::Entity;
use crate::entities::{now, Check};
use crate::error::ApiError;

/// The browser session cookie.
pub const SESSION_COOKIE: &str = "switchboard_session";
/// How long a WebSocket ticket may wait to be used.
pub const TICKET_SECS: i64 = 30;

/// Who is calling, as the credentials they presented say.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Principal {
    /// The token, or the token the browser session was made from.
    pub token_id: i64,
    /// The browser session, when the caller came with the cookie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_id: Option<i64>,
    pub name: String,
    #[schema(value_type = String)]
    #[serde(serialize_with = "serialize_role")]
    pub role: Role,
    /// For the driver role: the driver whose records it may reach.
    pub driver_id: Option<i64>,
    /// `token` (Authorization header), `session` (cookie) or `ticket` (/ws only).
    pub kind: &'static str,
}

fn serialize_role<S: serde::Serializer>(role: &Role, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(role.as_str())
}

impl Principal {
    /// Who this caller is, as events and the audit trail tell it: the token (the one behind a
    /// browser session), never the session or any secret.
    pub fn by(&self) -> crate::domain::event::By {
        crate::domain::event::By { token_id: self.token_id, name: self.name.clone(), role: self.role }
    }

    /// How much of `entity` this caller may reach with `op`.
    pub fn grant(&self, entity: Entity, op: crate::domain::permissions::Op) -> Grant {
        crate::domain::permissions::grant(self.role, entity, op)
    }

    /// For a driver, the only driver whose records it may see; `None` for everyone else.
    pub fn own_driver(&self) -> Option<i64> {
        match self.role {
            // A driver token whose driver was deleted sees nothing: -1 matches no record.
            Role::Driver => Some(self.driver_id.unwrap_or(-1)),
            _ => None,
        }
    }
}

/// A token as listed: never its secret.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, ToSchema)]
#[diesel(table_name = api_tokens)]
pub struct Token {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub driver_id: Option<i64>,
    #[serde(with = "crate::entities::rfc3339::option")]
    pub expires_at: Option<NaiveDateTime>,
    #[serde(with = "crate::entities::rfc3339::option")]
    pub revoked_at: Option<NaiveDateTime>,
    /// The last log-in with it.
    #[serde(with = "crate::entities::rfc3339::option")]
    pub last_used_at: Option<NaiveDateTime>,
    #[serde(with = "crate::entities::rfc3339")]
    pub created_at: NaiveDateTime,
}

/// The body of `POST /api/tokens`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    #[schema(max_length = 2000, pattern = r"\S")]
    pub name: String,
    /// admin, manager, dispatcher, accountant or driver.
    #[schema(schema_with = crate::entities::schemas::token_role)]
    pub role: String,
    /// Required for the driver role: the driver it acts for.
    pub driver_id: Option<i64>,
    /// Days until it expires; never when absent.
    #[schema(minimum = 1, maximum = 3650)]
    pub expires_in_days: Option<i64>,
}

/// A new token: its secret is in this answer and nowhere else.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    pub token: String,
    #[serde(flatten)]
    pub record: Token,
}

/// 32 random bytes as hex, with a prefix that says what it is (`sb_…` for tokens).
pub fn random_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    let mut secret = String::with_capacity(prefix.len() + 64);
    secret.push_str(prefix);
    for byte in bytes {
        secret.push_str(&format!("{byte:02x}"));
    }
    secret
}

/// What is stored instead of a secret.
pub fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Validates and stores a token; answers it with its secret.
pub fn create_token(conn: &mut AnyConnection, new: NewToken) -> Result<CreatedToken, ApiError> {
    let mut check = Check::new();
    check.text("name", &new.name);
    let role = Role::parse(&new.role);
    if role.is_none() {
        check.fail("role", "must be one of: admin, manager, dispatcher, accountant, driver");
    }
    match (role, new.driver_id) {
        (Some(Role::Driver), None) => check.fail("driver_id", "a driver token needs the driver it acts for"),
        (Some(Role::Driver), Some(driver)) => check.exists(conn, "driver_id", Entity::Driver, driver)?,
        (_, Some(_)) => check.fail("driver_id", "only driver tokens act for a driver"),
        _ => {}
    }
    if new.expires_in_days.is_some_and(|days| !(1..=3650).contains(&days)) {
        check.fail("expires_in_days", "must be between 1 and 3650");
    }
    check.finish()?;
    let secret = random_secret("sb_");
    let at = now();
    let id: i64 = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::name.eq(new.name.trim()),
            api_tokens::role.eq(&new.role),
            api_tokens::driver_id.eq(new.driver_id),
            api_tokens::token_hash.eq(hash(&secret)),
            api_tokens::expires_at.eq(new.expires_in_days.map(|days| at + Duration::days(days))),
            api_tokens::created_at.eq(at),
        ))
        .returning(api_tokens::id)
        .get_result(conn)?;
    Ok(CreatedToken { token: secret, record: find_token(conn, id)? })
}

pub fn find_token(conn: &mut AnyConnection, id: i64) -> Result<Token, ApiError> {
    api_tokens::table.find(id).select(Token::as_select()).first(conn).map_err(|error| match error {
        diesel::result::Error::NotFound => ApiError::NotFound(format!("token {id}")),
        other => other.into(),
    })
}

pub fn list_tokens(conn: &mut AnyConnection) -> Result<Vec<Token>, ApiError> {
    Ok(api_tokens::table.order(api_tokens::id.asc()).select(Token::as_select()).load(conn)?)
}

/// Revokes a token (and so every browser session made from it); 404 without it.
pub fn revoke_token(conn: &mut AnyConnection, id: i64) -> Result<Token, ApiError> {
    let token = find_token(conn, id)?;
    if token.revoked_at.is_none() {
        diesel::update(api_tokens::table.find(id)).set(api_tokens::revoked_at.eq(Some(now()))).execute(conn)?;
    }
    find_token(conn, id)
}

/// Whether any token exists (on first start none does).
pub fn any_token(conn: &mut AnyConnection) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(api_tokens::table.select(api_tokens::id))).get_result(conn)
}

/// On first start, with no token at all: an admin token, returned so it can be shown once.
pub fn ensure_initial_admin(conn: &mut AnyConnection) -> Result<Option<String>, ApiError> {
    crate::db::write_transaction(conn, |conn| {
        if any_token(conn)? {
            return Ok(None);
        }
        let new =
            NewToken { name: "initial admin".into(), role: "admin".into(), driver_id: None, expires_in_days: None };
        Ok(Some(create_token(conn, new)?.token))
    })
}

type TokenRow = (i64, String, String, Option<i64>, Option<NaiveDateTime>, Option<NaiveDateTime>);

fn principal_from(row: TokenRow, session_id: Option<i64>, kind: &'static str) -> Option<Principal> {
    let (token_id, name, role, driver_id, expires_at, revoked_at) = row;
    let live = revoked_at.is_none() && expires_at.is_none_or(|at| at > now());
    Some(Principal { token_id, session_id, name, role: Role::parse(&role)?, driver_id, kind }).filter(|_| live)
}

const TOKEN_COLUMNS: (
    api_tokens::id,
    api_tokens::name,
    api_tokens::role,
    api_tokens::driver_id,
    api_tokens::expires_at,
    api_tokens::revoked_at,
) = (
    api_tokens::id,
    api_tokens::name,
    api_tokens::role,
    api_tokens::driver_id,
    api_tokens::expires_at,
    api_tokens::revoked_at,
);

/// The caller a bearer token names, if it is valid, not expired and not revoked.
pub fn by_token(conn: &mut AnyConnection, secret: &str) -> QueryResult<Option<Principal>> {
    let row: Option<TokenRow> = api_tokens::table
        .filter(api_tokens::token_hash.eq(hash(secret)))
        .select(TOKEN_COLUMNS)
        .first(conn)
        .optional()?;
    Ok(row.and_then(|row| principal_from(row, None, "token")))
}

/// The caller a session cookie names, if the session and its token are both live.
pub fn by_session(conn: &mut AnyConnection, secret: &str) -> QueryResult<Option<Principal>> {
    let row: Option<(i64, NaiveDateTime, Option<NaiveDateTime>, TokenRow)> = web_sessions::table
        .inner_join(api_tokens::table)
        .filter(web_sessions::session_hash.eq(hash(secret)))
        .select((web_sessions::id, web_sessions::expires_at, web_sessions::ended_at, TOKEN_COLUMNS))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(session, expires_at, ended_at, token)| {
        if ended_at.is_some() || expires_at <= now() {
            return None;
        }
        principal_from(token, Some(session), "session")
    }))
}

/// Exchanges a token for a browser session; the session's secret goes in the cookie.
pub fn login(conn: &mut AnyConnection, token: &str, lifetime: Duration) -> Result<Option<String>, ApiError> {
    let Some(principal) = by_token(conn, token)? else { return Ok(None) };
    let secret = random_secret("");
    let at = now();
    diesel::update(api_tokens::table.find(principal.token_id))
        .set(api_tokens::last_used_at.eq(Some(at)))
        .execute(conn)?;
    diesel::insert_into(web_sessions::table)
        .values((
            web_sessions::session_hash.eq(hash(&secret)),
            web_sessions::token_id.eq(principal.token_id),
            web_sessions::created_at.eq(at),
            web_sessions::expires_at.eq(at + lifetime),
        ))
        .execute(conn)?;
    Ok(Some(secret))
}

/// Ends a browser session.
pub fn logout(conn: &mut AnyConnection, session_id: i64) -> QueryResult<()> {
    diesel::update(web_sessions::table.find(session_id).filter(web_sessions::ended_at.is_null()))
        .set(web_sessions::ended_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}

/// A one-time ticket to open /ws, for clients that cannot send headers or cookies.
pub fn issue_ticket(conn: &mut AnyConnection, principal: &Principal) -> QueryResult<String> {
    let secret = random_secret("wst_");
    let at = now();
    diesel::delete(ws_tickets::table.filter(ws_tickets::expires_at.lt(at))).execute(conn)?;
    diesel::insert_into(ws_tickets::table)
        .values((
            ws_tickets::ticket_hash.eq(hash(&secret)),
            ws_tickets::token_id.eq(principal.token_id),
            ws_tickets::session_id.eq(principal.session_id),
            ws_tickets::expires_at.eq(at + Duration::seconds(TICKET_SECS)),
        ))
        .execute(conn)?;
    Ok(secret)
}

/// Uses up a ticket: the caller it was issued to, if it was valid and unused.
pub fn redeem_ticket(conn: &mut AnyConnection, ticket: &str) -> QueryResult<Option<Principal>> {
    let row: Option<(i64, Option<i64>, NaiveDateTime)> =
        diesel::delete(ws_tickets::table.filter(ws_tickets::ticket_hash.eq(hash(ticket))))
            .returning((ws_tickets::token_id, ws_tickets::session_id, ws_tickets::expires_at))
            .get_result(conn)
            .optional()?;
    let Some((token_id, session_id, expires_at)) = row else { return Ok(None) };
    if expires_at <= now() {
        return Ok(None);
    }
    let token: TokenRow = api_tokens::table.find(token_id).select(TOKEN_COLUMNS).first(conn)?;
    if let Some(session) = session_id {
        let (expires, ended): (NaiveDateTime, Option<NaiveDateTime>) =
            web_sessions::table.find(session).select((web_sessions::expires_at, web_sessions::ended_at)).first(conn)?;
        if ended.is_some() || expires <= now() {
            return Ok(None);
        }
    }
    Ok(principal_from(token, session_id, "ticket"))
}

/// Tokens revoked or expired, and sessions ended or expired, in `(since, until]`: whose live
/// WebSockets must close.
pub fn ended_between(
    conn: &mut AnyConnection,
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<(Vec<i64>, Vec<i64>)> {
    let tokens = api_tokens::table
        .filter(
            api_tokens::revoked_at
                .gt(since)
                .and(api_tokens::revoked_at.le(until))
                .or(api_tokens::expires_at.gt(since).and(api_tokens::expires_at.le(until))),
        )
        .select(api_tokens::id)
        .load(conn)?;
    let sessions = web_sessions::table
        .filter(
            web_sessions::ended_at
                .gt(since)
                .and(web_sessions::ended_at.le(until))
                .or(web_sessions::expires_at.gt(since).and(web_sessions::expires_at.le(until))),
        )
        .select(web_sessions::id)
        .load(conn)?;
    Ok((tokens, sessions))
}
