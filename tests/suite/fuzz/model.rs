//! What the fuzzer knows of the database: each record's version and status, to tell what a
//! write should have done.

use std::collections::BTreeMap;

use crate::common::TestApp;
use actix_web::http::StatusCode;
use serde_json::Value;

use super::schemas::Endpoint;

#[derive(Debug, Clone)]
pub(super) struct Rec {
    pub(super) version: i64,
    /// For expenses: the employee they belong to (deleting the employee detaches them, which
    /// is a change to the expense).
    pub(super) employee_id: Option<i64>,
    /// Its status, where it has one: the fuzzer mostly asks for a legal next one.
    pub(super) status: Option<String>,
}

#[derive(Default)]
pub(super) struct Model {
    pub(super) records: BTreeMap<String, BTreeMap<i64, Rec>>,
    pub(super) deleted: Vec<(String, i64)>,
    /// Events a successful write caused besides its own (an employee's delete updates each of
    /// their expenses, and says so with an `expense_updated` each; a delivery's action moves its
    /// driver and order).
    pub(super) side_events: i64,
}

impl Model {
    pub(super) fn ids(&self, collection: &str) -> Vec<i64> {
        self.records.get(collection).map(|r| r.keys().copied().collect()).unwrap_or_default()
    }

    pub(super) fn rec(record: &Value) -> Rec {
        Rec {
            version: record["version"].as_i64().expect("records carry a version"),
            employee_id: record.get("employee_id").and_then(Value::as_i64),
            status: record.get("status").and_then(Value::as_str).map(str::to_owned),
        }
    }
}

pub(super) async fn load_model(app: &TestApp, endpoints: &[Endpoint]) -> Model {
    let mut model = Model::default();
    let mut collections: Vec<&str> = endpoints.iter().map(|e| e.collection.as_str()).collect();
    collections.dedup();
    for collection in collections {
        let mut offset = 0;
        let map = model.records.entry(collection.to_owned()).or_default();
        loop {
            let page = app.get(&format!("/api/{collection}?limit=500&offset={offset}")).await;
            assert_eq!(page.status, StatusCode::OK, "listing {collection}: {}", page.body);
            let items = page.body["items"].as_array().expect("a page has items").clone();
            for item in &items {
                map.insert(item["id"].as_i64().unwrap(), Model::rec(item));
            }
            offset += items.len();
            if items.is_empty() || offset as i64 >= page.body["total"].as_i64().unwrap() {
                break;
            }
        }
    }
    model
}
