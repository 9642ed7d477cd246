//! List totals: each list's `sums` (the money fields the catalogue's `summed` declares) over every
//! record that matches its filters, checked against what the test adds up from every page.

use actix_web::http::StatusCode;
use serde_json::{json, Value};

use crate::common::TestApp;

/// Every record of `path` (a list with its filters), fetched 7 at a time by keyset.
async fn every_page(app: &TestApp, path: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut page = app.get(&format!("{path}&limit=7")).await;
    loop {
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        all.extend(page.body["items"].as_array().expect("a list has items").iter().cloned());
        match page.body["next_after"].as_i64() {
            Some(after) => page = app.get(&format!("{path}&limit=7&after={after}")).await,
            None => return all,
        }
        assert!(all.len() <= 5000, "{path} pages without end");
    }
}

/// `field` added up over `records`, as the server should.
fn added_up(records: &[Value], field: &str) -> i64 {
    records.iter().map(|record| record[field].as_i64().unwrap_or_else(|| panic!("{field} of {record}"))).sum()
}

/// The first page of `path` (7 records) carries the count and the sums of all that match.
async fn check_sums(app: &TestApp, path: &str, summed: &[&str]) -> Vec<Value> {
    let records = every_page(app, path).await;
    let first = app.get(&format!("{path}&limit=7")).await;
    assert_eq!(first.status, StatusCode::OK, "{path}: {}", first.body);
    assert_eq!(first.body["total"].as_u64(), Some(records.len() as u64), "{path}: {}", first.body);
    let sums = first.body["sums"].as_object().unwrap_or_else(|| panic!("{path}: sums in {}", first.body));
    let fields: Vec<&str> = sums.keys().map(String::as_str).collect();
    assert_eq!(fields, summed, "{path}: the sums are of the catalogue's summed fields");
    for field in summed {
        assert_eq!(
            sums[*field].as_i64(),
            Some(added_up(&records, field)),
            "{path}: {field} over {} records",
            records.len()
        );
    }
    records
}

/// Each list's filter the test narrows it with: a field whose value some records share.
fn narrowing_field(collection: &str) -> &'static str {
    match collection {
        "orders" | "invoices" => "status",
        "expenses" | "budgets" => "category",
        other => panic!("{other} has sums: name the field its list filters by here"),
    }
}

#[actix_web::test]
async fn every_list_with_money_sums_what_matches_its_filters_over_all_pages() {
    let app = TestApp::spawn_with(&["--rate-limit-per-min=0"]).await;
    app.seed_demo().await.expect("demo data loads");
    let catalog = app.get("/api/catalog").await.body;
    let collections = catalog["collections"].as_array().expect("the catalogue lists collections");
    let mut with_sums = Vec::new();
    for collection in collections {
        let name = collection["name"].as_str().unwrap();
        let summed: Vec<&str> = collection["summed"]
            .as_array()
            .expect("each collection lists its summed fields")
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        if summed.is_empty() {
            // Nothing to add up: an empty object, still beside the count.
            let page = app.get(&format!("/api/{name}?limit=1")).await;
            assert_eq!(page.body["sums"], json!({}), "{name}: {}", page.body);
            continue;
        }
        with_sums.push(name.to_owned());
        let all = check_sums(&app, &format!("/api/{name}?count=exact"), &summed).await;
        assert!(all.len() > 7, "the demo has {name} on more than one page: {}", all.len());
        assert!(summed.iter().all(|field| added_up(&all, field) > 0), "the demo's {name} carry money");

        let field = narrowing_field(name);
        let value = all[0][field].as_str().unwrap();
        let encoded: String = value
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() { char::from(b).to_string() } else { format!("%{b:02X}") })
            .collect();
        let narrowed = check_sums(&app, &format!("/api/{name}?{field}={encoded}"), &summed).await;
        assert!(
            !narrowed.is_empty() && narrowed.len() < all.len(),
            "{name}?{field}={value}: {} of {}",
            narrowed.len(),
            all.len()
        );
        assert!(narrowed.iter().all(|record| record[field] == value), "{name}?{field}={value}");

        let nothing = app.get(&format!("/api/{name}?q=no-such-record-anywhere")).await;
        assert_eq!(nothing.body["total"], 0, "{name}: {}", nothing.body);
        for field in &summed {
            assert_eq!(nothing.body["sums"][*field], 0, "{name}: nothing matches, {field} sums to 0: {}", nothing.body);
        }
    }
    assert!(with_sums.contains(&"invoices".to_owned()), "invoices have sums: {with_sums:?}");
}

#[actix_web::test]
async fn large_amounts_add_up_exactly_and_a_sum_beyond_the_largest_stops_there() {
    let app = TestApp::spawn().await;
    // Past 2^32 cents, so each amount's high and low halves both count.
    for (counterparty, amount) in [("Large", 4_294_967_297_i64), ("Large", 8_589_934_591), ("Large", 5)] {
        app.create("invoices", json!({"kind": "receivable", "counterparty": counterparty, "amount_cents": amount}))
            .await;
    }
    let large = app.get("/api/invoices?q=Large").await;
    assert_eq!(large.body["total"], 3, "{}", large.body);
    assert_eq!(large.body["sums"], json!({"amount_cents": 12_884_901_893_i64}), "{}", large.body);

    for _ in 0..2 {
        app.create("invoices", json!({"kind": "payable", "counterparty": "Huge", "amount_cents": i64::MAX})).await;
    }
    let huge = app.get("/api/invoices?q=Huge").await;
    assert_eq!(huge.status, StatusCode::OK, "{}", huge.body);
    assert_eq!(huge.body["sums"], json!({"amount_cents": i64::MAX}), "{}", huge.body);
}

#[actix_web::test]
async fn a_keyset_page_sums_only_when_it_counts() {
    let app = TestApp::spawn().await;
    for amount in [100, 250, 4_000] {
        app.create("invoices", json!({"kind": "receivable", "counterparty": "Keyset", "amount_cents": amount})).await;
    }
    let first = app.get("/api/invoices?limit=1").await;
    assert_eq!(first.body["sums"], json!({"amount_cents": 4_350}), "{}", first.body);
    let after = first.body["next_after"].as_i64().expect("a next page");
    // Like `total`: no scan of every match unless asked.
    let uncounted = app.get(&format!("/api/invoices?limit=1&after={after}")).await;
    assert_eq!(uncounted.body["total"], Value::Null, "{}", uncounted.body);
    assert_eq!(uncounted.body["sums"], Value::Null, "{}", uncounted.body);
    let counted = app.get(&format!("/api/invoices?limit=1&after={after}&count=exact")).await;
    assert_eq!(counted.body["total"], 3, "{}", counted.body);
    assert_eq!(counted.body["sums"], json!({"amount_cents": 4_350}), "{}", counted.body);
    // `ids` narrows the sums as it narrows the count.
    let ids = app.get("/api/invoices?limit=3").await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|invoice| invoice["amount_cents"] != 250)
        .map(|invoice| invoice["id"].to_string())
        .collect::<Vec<_>>()
        .join(",");
    let named = app.get(&format!("/api/invoices?ids={ids}")).await;
    assert_eq!(named.body["sums"], json!({"amount_cents": 4_100}), "{}", named.body);
}

#[actix_web::test]
async fn a_drivers_list_counts_only_its_own_records() {
    let app = TestApp::spawn().await;
    app.seed_demo().await.expect("demo data loads");
    let driver = app.client_as(Some(&app.token("driver", Some(2)).await));
    let mut response = driver.get(app.url("/api/deliveries?limit=500")).send().await.expect("GET reaches the server");
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().limit(1 << 24).await.expect("a JSON answer");
    let items = body["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.iter().all(|delivery| delivery["driver_id"] == 2), "{body}");
    assert_eq!(body["total"].as_u64(), Some(items.len() as u64), "{body}");
    // Deliveries carry no money: nothing to add up, theirs or anyone's.
    assert_eq!(body["sums"], json!({}), "{body}");
    let everyone = app.get("/api/deliveries?limit=1").await;
    assert!(everyone.body["total"].as_u64() > Some(items.len() as u64), "{}", everyone.body);
}
