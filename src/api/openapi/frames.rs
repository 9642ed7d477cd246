//! The /ws protocol's frames as schemas, so typed clients (clients/js, generated with
//! openapi-typescript) get them from the same document as the REST types: `ClientFrame` (what a
//! client sends), `ServerFrame` (what it receives) and `Event`, one `<Record>Event` per collection
//! whose `data` is that collection's record. No path refers to them; they are listed under
//! `components.schemas` only. The frames themselves are in realtime/protocol.rs and
//! domain/event.rs; tests/suite/openapi.rs checks real frames against these schemas.

use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, SchemaType, Type};
use utoipa::openapi::{Ref, RefOr, Schema};

use crate::domain::catalog::ACTIONS;
use crate::domain::event::{self, LATEST_VALUE};
use crate::domain::{Action, Entity};

use super::doc::Doc;

/// `<Record>Event`, for the collection of `R`, whose record schema is `record`: registered, and
/// its name returned for the `Event` union.
pub(super) fn event_schema(doc: &mut Doc, entity: Entity, record_name: &str, record: RefOr<Schema>) -> String {
    let actions = [Action::Created, Action::Updated, Action::Deleted]
        .into_iter()
        .chain(ACTIONS.iter().filter(|action| action.entity == entity).map(|action| action.event));
    let types: Vec<String> = actions.map(|action| event::event_type(entity, action)).collect();
    let data: RefOr<Schema> = if entity == Entity::Customer {
        // `customer_segments_updated` carries the recompute's answer, not one customer.
        OneOfBuilder::new()
            .item(record)
            .item(Ref::from_schema_name("SegmentsRecomputed"))
            .description(Some("The customer; for `customer_segments_updated`, the changed customers"))
            .into()
    } else {
        record
    };
    let schema = ObjectBuilder::new()
        .description(Some(format!(
            "A change to {}: `data` is the record as `GET` returns it (for a delete, as it was)",
            entity.collection()
        )))
        .property("type", string_of(&types))
        .required("type");
    let latest: Vec<String> = LATEST_VALUE
        .iter()
        .filter(|(of, _)| *of == entity)
        .map(|&(entity, action)| event::event_type(entity, action))
        .collect();
    let schema = if latest.is_empty() {
        schema
    } else {
        let kinds = latest.iter().map(|kind| format!("`{kind}`")).collect::<Vec<_>>().join(", ");
        schema.property(
            "latest",
            ObjectBuilder::new().schema_type(SchemaType::new(Type::Boolean)).enum_values(Some([true])).description(
                Some(format!(
                    "`true` on every {kinds}: a latest value, carrying the record's whole new state. A \
                     session that falls behind may get only the newest of these per record (never one \
                     older than one it got); every other event arrives, once, in `seq` order \
                     (docs/protocol.md)"
                )),
            ),
        )
    };
    let schema = schema
        .property("entity", string_of(&[entity.collection()]))
        .required("entity")
        .property(
            "id",
            ObjectBuilder::new()
                .schema_type(SchemaType::from_iter([Type::Integer, Type::Null]))
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .description(Some("The record changed; null when the event is about several (`ids`)")),
        )
        .required("id")
        .property(
            "ids",
            ArrayBuilder::new()
                .items(int64())
                .description(Some("The records changed, when there are several (or for segments)")),
        )
        .property("seq", int64().description(Some("The event's position in the server-wide log")))
        .required("seq")
        .property("data", data)
        .required("data")
        .property(
            "invalidate",
            ArrayBuilder::new()
                .items(
                    ArrayBuilder::new().items(
                        OneOfBuilder::new()
                            .item(ObjectBuilder::new().schema_type(SchemaType::new(Type::String)))
                            .item(int64()),
                    ),
                )
                .description(Some("The React Query keys the change makes stale: lists, views and `[item_key, id]`")),
        )
        .required("invalidate")
        .property("by", Ref::from_schema_name("EventAuthor"))
        .required("by")
        .property(
            "left",
            ObjectBuilder::new().additional_properties(Some(ArrayBuilder::new().items(int64()))).description(Some(
                "Only to a session holding filtered topics (`orders?status=pending`) that records of the \
                     event were in before the change and are not after it: each such topic, as the \
                     `subscribed` ack spells it, and those records' ids",
            )),
        );
    let name = format!("{record_name}Event");
    doc.schemas.push((name.clone(), schema.into()));
    name
}

/// `ClientFrame`, `ServerFrame`, `Event` (the union of `events`) and the frames they are made of.
pub(super) fn frames(doc: &mut Doc, events: &[String]) {
    let string = || ObjectBuilder::new().schema_type(SchemaType::new(Type::String));
    let topics = || {
        ArrayBuilder::new().items(string()).description(Some(
            "`*`, a collection (`orders`), a record (`orders:42`), or a collection narrowed by its \
             filterable fields (`orders?status=pending,ready&customer_id=3`: docs/protocol.md)",
        ))
    };
    let frame = |kind: &str| ObjectBuilder::new().property("type", string_of(&[kind])).required("type");
    let schemas: Vec<(&str, RefOr<Schema>)> = vec![
        (
            "EventAuthor",
            ObjectBuilder::new()
                .description(Some("Who made a change: the token (a browser session's token), never a secret"))
                .property("token_id", int64())
                .required("token_id")
                .property("name", string())
                .required("name")
                .property("role", string())
                .required("role")
                .into(),
        ),
        (
            "Event",
            events.iter().fold(OneOfBuilder::new(), |union, name| union.item(Ref::from_schema_name(name))).into(),
        ),
        (
            "SubscribeFrame",
            frame("subscribe")
                .property("topics", topics())
                .required("topics")
                .property("since", int64().description(Some("Replay every matching event after this seq first")))
                .into(),
        ),
        ("UnsubscribeFrame", frame("unsubscribe").property("topics", topics()).required("topics").into()),
        ("PingFrame", frame("ping").into()),
        (
            "PresenceFrame",
            frame("presence")
                .description(Some("What the client is doing on a record topic it holds"))
                .property("topic", string().description(Some("A record's topic: `orders:42`")))
                .required("topic")
                .property("state", string_of(&["viewing", "editing"]))
                .required("state")
                .into(),
        ),
        (
            "PresenceWho",
            ObjectBuilder::new()
                .description(Some("A person on a record: one browser session (all its tabs), never a token"))
                .property("id", string().description(Some("Stable for the browser session, on every instance")))
                .required("id")
                .property("name", string())
                .required("name")
                .property("role", string())
                .required("role")
                .into(),
        ),
        (
            "PresenceChangeFrame",
            frame("presence")
                .description(Some("Someone else joined, changed what they do on, or left a record topic you hold"))
                .property("topic", string())
                .required("topic")
                .property("action", string_of(&["join", "update", "leave"]))
                .required("action")
                .property("who", Ref::from_schema_name("PresenceWho"))
                .required("who")
                .property("state", string_of(&["viewing", "editing"]).description(Some("Absent on `leave`")))
                .property("count", int64().description(Some("People on the topic after the change")))
                .required("count")
                .into(),
        ),
        (
            "PresenceSnapshotFrame",
            frame("presence")
                .description(Some(
                    "Who else is on a record topic, after the ack of a subscribe to it (only when someone is)",
                ))
                .property("topic", string())
                .required("topic")
                .property("action", string_of(&["snapshot"]))
                .required("action")
                .property(
                    "present",
                    ArrayBuilder::new()
                        .items(
                            ObjectBuilder::new()
                                .property("id", string())
                                .required("id")
                                .property("name", string())
                                .required("name")
                                .property("role", string())
                                .required("role")
                                .property("state", string_of(&["viewing", "editing"]))
                                .required("state"),
                        )
                        .description(Some("At most 20 of them, editors first")),
                )
                .required("present")
                .property("count", int64().description(Some("Everyone on the topic, you included if you are")))
                .required("count")
                .into(),
        ),
        ("PongFrame", frame("pong").into()),
        (
            "WelcomeFrame",
            frame("welcome")
                .property("seq", int64())
                .required("seq")
                .property("heartbeat_ms", int64())
                .required("heartbeat_ms")
                .into(),
        ),
        (
            "SubscribedFrame",
            frame("subscribed")
                .property("topics", topics())
                .required("topics")
                .property("seq", int64().description(Some("Where the live stream starts")))
                .required("seq")
                .into(),
        ),
        ("UnsubscribedFrame", frame("unsubscribed").property("topics", topics()).required("topics").into()),
        (
            "ResyncFrame",
            frame("resync")
                .description(Some("The log cannot replay what was asked: refetch, carry on from `seq`"))
                .property("seq", int64())
                .required("seq")
                .into(),
        ),
        (
            "ErrorFrame",
            frame("error")
                .property("code", string())
                .required("code")
                .property("message", string())
                .required("message")
                .into(),
        ),
        (
            "DriverLocationsFrame",
            frame(crate::realtime::combined::TYPE)
                .description(Some(
                    "Only to a session that asked for it (`/ws?positions=combined`): the driver positions \
                     that were waiting for it at once, each driver's newest, in `seq` order; a lone \
                     position still comes as its own `driver_location_updated` (docs/protocol.md)",
                ))
                .property(
                    "latest",
                    ObjectBuilder::new().schema_type(SchemaType::new(Type::Boolean)).enum_values(Some([true])),
                )
                .required("latest")
                .property("entity", string_of(&["drivers"]))
                .required("entity")
                .property("seq", int64().description(Some("The newest position's: resume with it as `since`")))
                .required("seq")
                .property(
                    "positions",
                    ArrayBuilder::new().items(
                        ObjectBuilder::new()
                            .description(Some(
                                "What a fix changed in the driver's record (its `updated_at` is now \
                                 `location_updated_at`)",
                            ))
                            .property("id", int64())
                            .required("id")
                            .property("seq", int64())
                            .required("seq")
                            .property("lat", ObjectBuilder::new().schema_type(SchemaType::new(Type::Number)))
                            .required("lat")
                            .property("lng", ObjectBuilder::new().schema_type(SchemaType::new(Type::Number)))
                            .required("lng")
                            .property("location_updated_at", string())
                            .required("location_updated_at")
                            .property("version", int64())
                            .required("version"),
                    ),
                )
                .required("positions")
                .into(),
        ),
        (
            "OperatorFrame",
            frame("operator")
                .description(Some("Once a second to admins subscribed to `operator` (see the README)"))
                .into(),
        ),
    ];
    doc.schemas.extend(schemas.into_iter().map(|(name, schema)| (name.to_owned(), schema)));
    let union =
        |names: &[&str]| names.iter().fold(OneOfBuilder::new(), |union, name| union.item(Ref::from_schema_name(*name)));
    doc.schemas.push((
        "ClientFrame".to_owned(),
        union(&["SubscribeFrame", "UnsubscribeFrame", "PresenceFrame", "PingFrame"]).into(),
    ));
    doc.schemas.push((
        "ServerFrame".to_owned(),
        union(&[
            "WelcomeFrame",
            "SubscribedFrame",
            "UnsubscribedFrame",
            "PongFrame",
            "ResyncFrame",
            "ErrorFrame",
            "OperatorFrame",
            "PresenceChangeFrame",
            "PresenceSnapshotFrame",
            "DriverLocationsFrame",
            "Event",
        ])
        .into(),
    ));
}

fn int64() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::Integer))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
}

fn string_of<S: AsRef<str>>(values: &[S]) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::String))
        .enum_values(Some(values.iter().map(|value| value.as_ref().to_owned())))
}
