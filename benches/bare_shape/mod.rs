//! The bare shape: Switchboard's architecture with nothing else, to measure Switchboard against.
//! actix-web, one actix actor per WebSocket session (over actix-ws), one Broadcaster actor with
//! a topic index, and a write route that publishes straight from memory: no database, no event
//! log, no authentication, no heartbeat. The same design as `/work/shared/bench/actorfloor`
//! (the program the issue's figures were taken with), answering the routes the bench drives:
//! `GET /ws?topics=<collection>`, `PATCH /api/<collection>/<id>` and `POST /api/<collection>`.
//!
//! Its frames read like Switchboard's (`{"type":"customer_updated","entity":"customers",…}`), so
//! the bench's receivers check both servers' deliveries the same way.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use actix::prelude::*;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use switchboard::domain::Entity;

/// A frame for a session.
#[derive(Message, Clone)]
#[rtype(result = "()")]
struct Deliver(Arc<str>);

/// Adds a session to a topic.
#[derive(Message)]
#[rtype(result = "()")]
struct Subscribe {
    topic: String,
    id: usize,
    to: Recipient<Deliver>,
}

/// Forgets a session.
#[derive(Message)]
#[rtype(result = "()")]
struct Leave {
    id: usize,
}

/// A frame for every session on a topic.
#[derive(Message)]
#[rtype(result = "()")]
struct Publish {
    topic: String,
    frame: Arc<str>,
}

#[derive(Default)]
struct Broadcaster {
    topics: HashMap<String, Vec<(usize, Recipient<Deliver>)>>,
}

impl Actor for Broadcaster {
    type Context = Context<Self>;
}

impl Handler<Subscribe> for Broadcaster {
    type Result = ();
    fn handle(&mut self, msg: Subscribe, _: &mut Context<Self>) {
        self.topics.entry(msg.topic).or_default().push((msg.id, msg.to));
    }
}

impl Handler<Leave> for Broadcaster {
    type Result = ();
    fn handle(&mut self, msg: Leave, _: &mut Context<Self>) {
        for sessions in self.topics.values_mut() {
            sessions.retain(|(id, _)| *id != msg.id);
        }
    }
}

impl Handler<Publish> for Broadcaster {
    type Result = ();
    fn handle(&mut self, msg: Publish, _: &mut Context<Self>) {
        if let Some(sessions) = self.topics.get_mut(&msg.topic) {
            sessions.retain(|(_, to)| to.try_send(Deliver(msg.frame.clone())).is_ok());
        }
    }
}

/// Frames a session may hold before it counts as too slow and is dropped (actorfloor's bound).
const QUEUE_LIMIT: usize = 1024;

struct Session {
    id: usize,
    topic: String,
    ws: actix_ws::Session,
    queue: VecDeque<Arc<str>>,
    sending: bool,
    broadcaster: Addr<Broadcaster>,
}

impl Actor for Session {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Context<Self>) {
        ctx.set_mailbox_capacity(256);
        let topic = self.topic.clone();
        self.broadcaster.do_send(Subscribe { topic: topic.clone(), id: self.id, to: ctx.address().recipient() });
        self.queue.push_back(format!(r#"{{"type":"subscribed","topics":["{topic}"]}}"#).into());
        self.pump(ctx);
    }

    fn stopped(&mut self, _: &mut Context<Self>) {
        self.broadcaster.do_send(Leave { id: self.id });
    }
}

impl Session {
    /// Sends what is queued, one batch in flight at a time.
    fn pump(&mut self, ctx: &mut Context<Self>) {
        if self.sending || self.queue.is_empty() {
            return;
        }
        let batch: Vec<Arc<str>> = self.queue.drain(..).collect();
        let mut ws = self.ws.clone();
        self.sending = true;
        let send = async move {
            for frame in batch {
                if ws.text(&*frame).await.is_err() {
                    return false;
                }
            }
            true
        };
        ctx.spawn(send.into_actor(self).map(|sent, session, ctx| {
            session.sending = false;
            if sent {
                session.pump(ctx)
            } else {
                ctx.stop()
            }
        }));
    }
}

impl Handler<Deliver> for Session {
    type Result = ();
    fn handle(&mut self, msg: Deliver, ctx: &mut Context<Self>) {
        if self.queue.len() >= QUEUE_LIMIT {
            ctx.stop();
            return;
        }
        self.queue.push_back(msg.0);
        self.pump(ctx);
    }
}

impl StreamHandler<Result<actix_ws::Message, actix_ws::ProtocolError>> for Session {
    fn handle(&mut self, msg: Result<actix_ws::Message, actix_ws::ProtocolError>, ctx: &mut Context<Self>) {
        match msg {
            Ok(actix_ws::Message::Ping(payload)) => {
                let mut ws = self.ws.clone();
                actix::spawn(async move {
                    let _ = ws.pong(&payload).await;
                });
            }
            Ok(actix_ws::Message::Close(_)) | Err(_) => ctx.stop(),
            Ok(_) => {}
        }
    }

    fn finished(&mut self, ctx: &mut Context<Self>) {
        ctx.stop();
    }
}

static NEXT_SESSION: AtomicUsize = AtomicUsize::new(0);
static SEQ: AtomicU64 = AtomicU64::new(0);

#[derive(serde::Deserialize)]
struct Topics {
    topics: String,
}

async fn ws(
    req: HttpRequest,
    body: web::Payload,
    query: web::Query<Topics>,
    broadcaster: web::Data<Addr<Broadcaster>>,
) -> Result<HttpResponse, actix_web::Error> {
    let (response, ws, stream) = actix_ws::handle(&req, body)?;
    let topic = query.into_inner().topics.split(',').next().unwrap_or_default().to_owned();
    let broadcaster = broadcaster.get_ref().clone();
    let id = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
    Session::create(|ctx| {
        ctx.add_stream(stream);
        Session { id, topic, ws, queue: VecDeque::new(), sending: false, broadcaster }
    });
    Ok(response)
}

/// Publishes the body as the record's new state: parsed, framed and handed to the Broadcaster.
fn publish(topic: String, id: u64, action: &str, body: &[u8], broadcaster: &Addr<Broadcaster>) -> HttpResponse {
    let Ok(data) = serde_json::from_slice::<serde_json::Value>(body) else {
        return HttpResponse::BadRequest().finish();
    };
    let singular = Entity::from_collection(&topic).map_or(topic.as_str(), |entity| entity.singular());
    let seq = SEQ.fetch_add(1, Ordering::Relaxed) + 1;
    let frame = format!(r#"{{"type":"{singular}_{action}","entity":"{topic}","id":{id},"seq":{seq},"data":{data}}}"#);
    broadcaster.do_send(Publish { topic, frame: frame.into() });
    HttpResponse::Ok().content_type("application/json").body(data.to_string())
}

async fn update(
    path: web::Path<(String, u64)>,
    body: web::Bytes,
    broadcaster: web::Data<Addr<Broadcaster>>,
) -> HttpResponse {
    let (topic, id) = path.into_inner();
    publish(topic, id, "updated", &body, &broadcaster)
}

async fn create(path: web::Path<String>, body: web::Bytes, broadcaster: web::Data<Addr<Broadcaster>>) -> HttpResponse {
    let id = SEQ.load(Ordering::Relaxed) + 1;
    publish(path.into_inner(), id, "created", &body, &broadcaster)
}

/// Serves the bare shape on 127.0.0.1:`port` until the process is killed.
pub fn serve(port: u16) -> std::io::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let broadcaster = Broadcaster::default().start();
        HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(broadcaster.clone()))
                .route("/ws", web::get().to(ws))
                .route("/api/{topic}/{id}", web::patch().to(update))
                .route("/api/{topic}", web::post().to(create))
        })
        .backlog(4096)
        .max_connections(100_000)
        .bind(("127.0.0.1", port))?
        .run()
        .await
    })
}
