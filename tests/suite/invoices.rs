//! Invoices over REST, and the accounts receivable / payable views that age the open ones.

use crate::common::{assert_invalid, ids, TestApp};
use actix_web::http::StatusCode;
use chrono::{Days, NaiveDate, Utc};
use serde_json::{json, Value};

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// `days` from today (negative: in the past), as the wire writes dates.
fn day(days: i64) -> String {
    let date = if days >= 0 {
        today().checked_add_days(Days::new(days as u64))
    } else {
        today().checked_sub_days(Days::new(days.unsigned_abs()))
    };
    date.unwrap().format("%Y-%m-%d").to_string()
}

#[actix_web::test]
async fn create_with_defaults_and_generated_numbers() {
    let app = TestApp::spawn().await;
    let ada = app.customer("Ada Lovelace").await;

    let reply = app
        .post(
            "/api/invoices",
            json!({"number": "A-1", "kind": "payable", "counterparty": "Paper Co", "amount_cents": 12_345,
                   "issue_date": "2026-01-05", "due_date": "2026-02-04", "status": "open"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let id = reply.body["id"].as_i64().unwrap();
    assert_eq!(reply.header("location").as_deref(), Some(format!("/api/invoices/{id}").as_str()));
    assert_eq!(reply.header("etag").as_deref(), Some("\"1\""));
    let invoice = &reply.body;
    assert_eq!(invoice["number"], "A-1");
    assert_eq!(invoice["kind"], "payable");
    assert_eq!(invoice["customer_id"], Value::Null);
    assert_eq!(invoice["counterparty"], "Paper Co");
    assert_eq!(invoice["amount_cents"], 12_345);
    assert_eq!(invoice["issue_date"], "2026-01-05");
    assert_eq!(invoice["due_date"], "2026-02-04");
    assert_eq!(invoice["status"], "open");
    assert_eq!(invoice["version"], 1);
    assert!(invoice["created_at"].as_str().unwrap().ends_with('Z'));
    let got = app.get(&format!("/api/invoices/{id}")).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.header("etag").as_deref(), Some("\"1\""));
    assert!(got.seq() >= 1);
    assert_eq!(&got.body, invoice);

    // Defaults: a generated number, the customer's name, draft, issued today, due in 30 days.
    let generated = app.create("invoices", json!({"kind": "receivable", "customer_id": ada, "amount_cents": 0})).await;
    let number = generated["number"].as_str().unwrap();
    assert_eq!(number, format!("INV-{:06}", generated["id"].as_i64().unwrap()));
    assert_eq!(generated["counterparty"], "Ada Lovelace");
    assert_eq!(generated["customer_id"], ada);
    assert_eq!(generated["status"], "draft");
    assert_eq!(generated["issue_date"], day(0));
    assert_eq!(generated["due_date"], day(30));

    // A generated number never collides with one chosen by hand.
    let next_id = generated["id"].as_i64().unwrap() + 1;
    app.create(
        "invoices",
        json!({"number": format!("INV-{:06}", next_id + 1), "kind": "payable", "counterparty": "X", "amount_cents": 1}),
    )
    .await;
    let third = app
        .create("invoices", json!({"kind": "payable", "counterparty": "Y", "amount_cents": 1, "number": null}))
        .await;
    assert_eq!(third["number"], format!("INV-{:06}-2", next_id + 1));
    let fourth = app.create("invoices", json!({"kind": "payable", "counterparty": "Z", "amount_cents": 1})).await;
    assert_eq!(fourth["number"], format!("INV-{:06}", next_id + 2));

    // A counterparty given wins over the customer's name.
    let named = app.create("invoices", json!({"kind": "receivable", "customer_id": ada, "counterparty": "Ada's Analytical Engines", "amount_cents": 5})).await;
    assert_eq!(named["counterparty"], "Ada's Analytical Engines");

    assert_eq!(app.get("/api/invoices/999999").await.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn every_invalid_invoice_is_refused() {
    let app = TestApp::spawn().await;
    let base = json!({"number": "N-1", "kind": "receivable", "counterparty": "Acme", "amount_cents": 100});
    let with = |changes: Value| {
        let mut body = base.clone();
        for (key, value) in changes.as_object().unwrap() {
            if value.is_null() {
                body.as_object_mut().unwrap().remove(key);
            } else {
                body[key] = value.clone();
            }
        }
        body
    };
    let cases = [
        (with(json!({"number": "   "})), "number"),
        (with(json!({"kind": "gift"})), "kind"),
        (with(json!({"kind": null})), "kind"),
        (with(json!({"amount_cents": -1})), "amount_cents"),
        (with(json!({"amount_cents": null})), "amount_cents"),
        (with(json!({"amount_cents": "lots"})), "amount_cents"),
        (with(json!({"counterparty": ""})), "counterparty"),
        (with(json!({"counterparty": null})), "counterparty"),
        (with(json!({"customer_id": 999_999})), "customer_id"),
        (with(json!({"customer_id": 999_999, "counterparty": null})), "customer_id"),
        (with(json!({"status": "overdue"})), "status"),
        (with(json!({"issue_date": "2026-03-01", "due_date": "2026-02-28"})), "due_date"),
        (with(json!({"due_date": day(-1)})), "due_date"),
        (with(json!({"due_date": "31/12/2026"})), "due_date"),
        (with(json!({"issue_date": "2026-02-30"})), "issue_date"),
        (with(json!({"paid": true})), "paid"),
    ];
    for (body, field) in cases {
        assert_invalid(&app.post("/api/invoices", body.clone()).await, field);
    }
    assert_eq!(app.get("/api/invoices").await.body["total"], 0);

    let first = app.create("invoices", base.clone()).await;
    let duplicate = app.post("/api/invoices", base.clone()).await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT, "{}", duplicate.body);
    assert_eq!(duplicate.code(), "duplicate");

    let second = app.create("invoices", with(json!({"number": "N-2"}))).await;
    let path = format!("/api/invoices/{}", second["id"]);
    let taken = app.patch(&path, json!({"number": first["number"]})).await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(taken.code(), "duplicate");
    assert_invalid(&app.patch(&path, json!({"status": "settled"})).await, "status");
    assert_invalid(&app.patch(&path, json!({"due_date": day(-3)})).await, "due_date");
    assert_invalid(&app.patch(&path, json!({"issue_date": day(31)})).await, "due_date");
    assert_invalid(&app.patch(&path, json!({"customer_id": 999_999})).await, "customer_id");
    assert_invalid(&app.patch(&path, json!({"counterparty": " "})).await, "counterparty");
    assert_invalid(&app.patch(&path, json!({"amount_cents": -5})).await, "amount_cents");
    assert_invalid(&app.patch(&path, json!({"kind": "both"})).await, "kind");
    assert_invalid(&app.patch(&path, json!({"id": 7})).await, "id");
    assert_eq!(app.get(&path).await.body["version"], 1, "refused changes change nothing");
}

#[actix_web::test]
async fn patch_sets_the_status_and_honours_if_match_then_delete() {
    let app = TestApp::spawn().await;
    let ada = app.customer("Ada Lovelace").await;
    let invoice =
        app.create("invoices", json!({"kind": "receivable", "customer_id": ada, "amount_cents": 9_900})).await;
    let id = invoice["id"].as_i64().unwrap();
    let path = format!("/api/invoices/{id}");

    let opened = app.patch(&path, json!({"status": "open", "due_date": day(10)})).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert_eq!(opened.header("etag").as_deref(), Some("\"2\""));
    assert_eq!(opened.body["status"], "open");
    assert_eq!(opened.body["due_date"], day(10));
    assert_eq!(opened.body["version"], 2);
    assert_eq!(opened.body["counterparty"], "Ada Lovelace");

    let detached = app.patch(&path, json!({"customer_id": null, "counterparty": "Someone else"})).await;
    assert_eq!(detached.body["customer_id"], Value::Null);
    assert_eq!(detached.body["counterparty"], "Someone else");
    assert_eq!(detached.body["version"], 3);

    let stale = app
        .client
        .patch(app.url(&path))
        .insert_header(("If-Match", "\"2\""))
        .send_json(&json!({"status": "paid"}))
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(app.get(&path).await.body["status"], "open");
    let fresh = app
        .client
        .patch(app.url(&path))
        .insert_header(("If-Match", "\"3\""))
        .send_json(&json!({"status": "paid"}))
        .await
        .unwrap();
    assert_eq!(fresh.status(), StatusCode::OK);
    assert_eq!(app.get(&path).await.body["status"], "paid");

    let stale_delete = app.client.delete(app.url(&path)).insert_header(("If-Match", "\"1\"")).send().await.unwrap();
    assert_eq!(stale_delete.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(app.delete(&path).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.delete(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.patch(&path, json!({"status": "void"})).await.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn list_filters_and_pages() {
    let app = TestApp::spawn().await;
    let ada = app.customer("Ada Lovelace").await;
    let bob = app.customer("Bob Babbage").await;
    let make = |number: &str, kind: &str, customer: Option<i64>, counterparty: &str, status: &str, due: i64| {
        json!({"number": number, "kind": kind, "customer_id": customer, "counterparty": counterparty,
               "amount_cents": 1_000, "issue_date": day(due.min(0) - 5), "due_date": day(due), "status": status})
    };
    let mut id = Vec::new();
    for body in [
        make("R-100", "receivable", Some(ada), "Ada Lovelace", "open", -3), // overdue
        make("R-101", "receivable", Some(bob), "Bob Babbage", "open", 4),
        make("R-102", "receivable", Some(ada), "Ada Lovelace", "draft", -30), // past due but draft
        make("P-200", "payable", None, "Paper_Co", "open", -1),               // overdue
        make("P-201", "payable", None, "Ink 100% Ltd", "paid", -40),
        make("P-202", "payable", None, "Paper Co", "open", 0), // due today: not overdue
    ] {
        id.push(app.create("invoices", body).await["id"].as_i64().unwrap());
    }

    let all = app.get("/api/invoices").await;
    assert!(all.seq() >= 1);
    assert_eq!(all.body["total"], 6);
    assert_eq!(ids(&all), id.iter().rev().copied().collect::<Vec<_>>());
    assert_eq!(ids(&app.get("/api/invoices?kind=receivable").await), vec![id[2], id[1], id[0]]);
    assert_eq!(ids(&app.get("/api/invoices?kind=payable").await), vec![id[5], id[4], id[3]]);
    assert_eq!(ids(&app.get("/api/invoices?status=open").await), vec![id[5], id[3], id[1], id[0]]);
    assert_eq!(ids(&app.get("/api/invoices?status=draft").await), vec![id[2]]);
    assert_eq!(ids(&app.get(&format!("/api/invoices?customer_id={ada}")).await), vec![id[2], id[0]]);
    assert_eq!(ids(&app.get("/api/invoices?overdue=true").await), vec![id[3], id[0]]);
    assert_eq!(ids(&app.get("/api/invoices?overdue=false").await), vec![id[5], id[4], id[2], id[1]]);
    assert_eq!(ids(&app.get("/api/invoices?overdue=true&kind=payable").await), vec![id[3]]);
    assert_eq!(ids(&app.get("/api/invoices?q=r-10").await), vec![id[2], id[1], id[0]]);
    assert_eq!(ids(&app.get("/api/invoices?q=paper").await), vec![id[5], id[3]]);
    assert_eq!(ids(&app.get("/api/invoices?q=paper_").await), vec![id[3]]);
    assert_eq!(ids(&app.get("/api/invoices?q=100%25").await), vec![id[4]]);
    assert_eq!(ids(&app.get("/api/invoices?q=BABBAGE").await), vec![id[1]]);
    assert_eq!(ids(&app.get("/api/invoices?kind=receivable&status=open&customer_id=999").await), Vec::<i64>::new());

    let page = app.get("/api/invoices?limit=2&offset=2").await;
    assert_eq!(page.body["total"], 6);
    assert_eq!(page.body["limit"], 2);
    assert_eq!(page.body["offset"], 2);
    assert_eq!(ids(&page), vec![id[3], id[2]]);
    let filtered_page = app.get("/api/invoices?status=open&limit=1&offset=1").await;
    assert_eq!(filtered_page.body["total"], 4);
    assert_eq!(ids(&filtered_page), vec![id[3]]);
    assert_eq!(app.get("/api/invoices?overdue=maybe").await.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn accounts_receivable_and_payable_age_the_open_invoices() {
    let app = TestApp::spawn().await;
    let ada = app.customer("Ada Lovelace").await;
    let mut n = 0;
    let mut invoice = |kind: &str, status: &str, due: i64, amount: i64| {
        n += 1;
        json!({"number": format!("T-{n}"), "kind": kind, "customer_id": ada, "amount_cents": amount,
               "issue_date": day(due.min(0) - 10), "due_date": day(due), "status": status})
    };
    // Receivables: days past due → bucket.
    let receivables = [
        (15, 1),               // current
        (0, 10),               // due today: current
        (-1, 100),             // 1–30
        (-30, 1_000),          // 1–30
        (-31, 10_000),         // 31–60
        (-60, 100_000),        // 31–60
        (-61, 1_000_000),      // 61–90
        (-90, 10_000_000),     // 61–90
        (-91, 100_000_000),    // over 90
        (-400, 1_000_000_000), // over 90
    ];
    let mut due_order = Vec::new();
    for (due, amount) in receivables {
        let created = app.create("invoices", invoice("receivable", "open", due, amount)).await;
        due_order.push((due, created["id"].as_i64().unwrap()));
    }
    // Not open, so not counted: a draft, a paid and a void receivable, long overdue.
    for status in ["draft", "paid", "void"] {
        app.create("invoices", invoice("receivable", status, -45, 7_777)).await;
    }
    // Payables.
    app.create("invoices", invoice("payable", "open", 3, 500)).await;
    app.create("invoices", invoice("payable", "open", -45, 2_000)).await;
    app.create("invoices", invoice("payable", "paid", -45, 9_999)).await;

    let ar = app.get("/api/accounts-receivable").await;
    assert_eq!(ar.status, StatusCode::OK, "{}", ar.body);
    assert!(ar.seq() >= 1);
    let body = &ar.body;
    assert_eq!(body["open_count"], 10);
    assert_eq!(body["open_total_cents"], 1_111_111_111_i64);
    assert_eq!(body["overdue_count"], 8);
    assert_eq!(body["overdue_total_cents"], 1_111_111_100_i64);
    assert_eq!(
        body["aging"],
        json!({"current": 11, "days_1_30": 1_100, "days_31_60": 110_000, "days_61_90": 11_000_000, "days_over_90": 1_100_000_000})
    );
    due_order.sort();
    let expected: Vec<i64> = due_order.iter().map(|(_, id)| *id).collect();
    let listed: Vec<i64> = body["invoices"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert_eq!(listed, expected, "open invoices, oldest due first");
    assert!(body["invoices"].as_array().unwrap().iter().all(|i| i["status"] == "open" && i["kind"] == "receivable"));

    let ap = app.get("/api/accounts-payable").await;
    assert_eq!(ap.status, StatusCode::OK);
    assert!(ap.seq() >= 1);
    assert_eq!(ap.body["open_count"], 2);
    assert_eq!(ap.body["open_total_cents"], 2_500);
    assert_eq!(ap.body["overdue_count"], 1);
    assert_eq!(ap.body["overdue_total_cents"], 2_000);
    assert_eq!(
        ap.body["aging"],
        json!({"current": 500, "days_1_30": 0, "days_31_60": 2_000, "days_61_90": 0, "days_over_90": 0})
    );
    assert_eq!(ap.body["invoices"][0]["amount_cents"], 2_000);
    assert_eq!(ap.body["invoices"][1]["amount_cents"], 500);

    // Paying an invoice takes it off the view; the seq moves on.
    let oldest = expected[0];
    let paid = app.patch(&format!("/api/invoices/{oldest}"), json!({"status": "paid"})).await;
    assert_eq!(paid.status, StatusCode::OK);
    let after = app.get("/api/accounts-receivable").await;
    assert!(after.seq() > ar.seq());
    assert_eq!(after.body["open_count"], 9);
    assert_eq!(after.body["aging"]["days_over_90"], 100_000_000);
    assert_eq!(after.body["overdue_total_cents"], 111_111_100);

    // Empty views are all zeros.
    let empty_app = TestApp::spawn().await;
    let empty = empty_app.get("/api/accounts-payable").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(empty.body["open_count"], 0);
    assert_eq!(empty.body["overdue_total_cents"], 0);
    assert_eq!(empty.body["invoices"], json!([]));
    assert_eq!(empty.body["aging"]["current"], 0);
}

#[actix_web::test]
async fn from_and_to_take_the_invoices_issued_within_those_days() {
    let app = TestApp::spawn().await;
    let issued = |on: &str| json!({"kind": "payable", "counterparty": "Paper Co", "amount_cents": 100, "issue_date": on, "due_date": "2026-12-31"});
    let mut id = Vec::new();
    for on in ["2026-10-31", "2026-11-01", "2026-11-30", "2026-12-01"] {
        id.push(app.create("invoices", issued(on)).await["id"].as_i64().unwrap());
    }
    assert_eq!(ids(&app.get("/api/invoices?from=2026-11-01&to=2026-11-30").await), vec![id[2], id[1]]);
    assert_eq!(ids(&app.get("/api/invoices?from=2026-11-30").await), vec![id[3], id[2]]);
    assert_eq!(ids(&app.get("/api/invoices?to=2026-10-31").await), vec![id[0]]);
    let sums = app.get("/api/invoices?from=2026-11-01&to=2026-11-30").await;
    assert_eq!(sums.body["sums"]["amount_cents"], 200, "{}", sums.body);
    assert_eq!(app.get("/api/invoices?from=2026-13-01").await.status, StatusCode::BAD_REQUEST);
}
