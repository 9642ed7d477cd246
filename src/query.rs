//! The query-string extractor every list, view and `/ws` uses: a parameter of the wrong shape is
//! a 400 `bad_query` that names it.

use actix_web::HttpRequest;

use crate::error::ApiError;

/// `Query<T>`: the query-string extractor every list and view uses. A parameter of the wrong
/// shape (a date that is not `YYYY-MM-DD`, a number that is not one) is a 400 `bad_query` whose
/// message and details name the parameter, as a 422 names the field of a body.
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: serde::de::DeserializeOwned> actix_web::FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

/// Reads a query string into `T`, naming the parameter that does not fit.
pub fn parse_query<T: serde::de::DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        // serde names a parameter given twice in backquotes: "duplicate field `from`".
        let named = message.split('`').nth(1).filter(|_| message.starts_with("duplicate field"));
        let parameter = match (path.as_str(), named) {
            (".", Some(name)) => name.to_owned(),
            (".", None) => "query".to_owned(),
            (path, _) => path.to_owned(),
        };
        ApiError::bad_query(&parameter, message)
    })
}
