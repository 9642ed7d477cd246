//! The browser app: web/ embedded at build time (see build.rs), served at `/` and `/assets/…`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::domain::permissions::Need;
use crate::error::ApiError;
use crate::routes::{Endpoints, Routes};

include!(concat!(env!("OUT_DIR"), "/web_assets.rs"));

pub fn routes(routes: &mut Routes) {
    routes.add(Endpoints::at("/").get(Need::Public, index));
    routes.add(Endpoints::at("/assets/{path:.*}").get(Need::Public, asset));
}

fn find(path: &str) -> Option<&'static [u8]> {
    ASSETS.iter().find(|(name, _)| *name == path).map(|(_, bytes)| *bytes)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

async fn index() -> Result<HttpResponse, ApiError> {
    serve("index.html")
}

async fn asset(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    serve(req.match_info().query("path"))
}

pub fn serve(path: &str) -> Result<HttpResponse, ApiError> {
    let bytes = find(path).ok_or_else(|| ApiError::NotFound(format!("asset {path}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type(path)))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(bytes))
}
