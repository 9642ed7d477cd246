//! Lists page two ways: by `offset` (with the total, as the web app shows it) and by keyset,
//! `after` the last record of the previous page (`next_after`), which stays as fast deep in a
//! list as at its start, counts only when asked (`count=exact`), and neither repeats nor skips
//! a record when others are added between pages.

use actix_web::http::StatusCode;
use serde_json::{json, Value};

use crate::common::{ids, Reply, TestApp, COLLECTIONS};

/// Every page of `path` (which has a query string) by keyset, `limit` at a time.
async fn keyset_pages(app: &TestApp, path: &str, limit: i64) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut reply = app.get(&format!("{path}&limit={limit}")).await;
    loop {
        pages.push(ids(&reply));
        match reply.body["next_after"].as_i64() {
            Some(after) => reply = app.get(&format!("{path}&limit={limit}&after={after}")).await,
            None => return pages,
        }
        assert_eq!(reply.body["total"], Value::Null, "an after page counts only when asked: {}", reply.body);
    }
}

fn assert_bad_query(reply: &Reply, what: &str) {
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{what}: {}", reply.body);
    assert_eq!(reply.code(), "bad_query", "{what}: {}", reply.body);
}

#[actix_web::test]
async fn keyset_pages_list_every_record_once_newest_first() {
    let app = TestApp::spawn().await;
    let mut made = Vec::new();
    for n in 0..7 {
        made.push(app.customer(&format!("Pager {n}")).await);
    }
    made.reverse();

    let first = app.get("/api/customers?limit=3").await;
    assert_eq!(ids(&first), made[..3]);
    assert_eq!(first.body["total"], 7);
    assert_eq!(first.body["next_after"], made[2]);

    let pages = keyset_pages(&app, "/api/customers?q=pager", 3).await;
    assert_eq!(pages, vec![made[..3].to_vec(), made[3..6].to_vec(), made[6..].to_vec()]);

    let counted = app.get(&format!("/api/customers?after={}&count=exact&limit=3", made[2])).await;
    assert_eq!(ids(&counted), made[3..6]);
    assert_eq!(counted.body["total"], 7);
    assert_eq!(counted.body["after"], made[2]);

    // A page that ends the list exactly: its next page is empty and says so.
    let last = app.get(&format!("/api/customers?after={}&limit=1", made[5])).await;
    assert_eq!(ids(&last), [made[6]]);
    let beyond = app.get(&format!("/api/customers?after={}&limit=1", made[6])).await;
    assert_eq!(ids(&beyond), Vec::<i64>::new());
    assert_eq!(beyond.body["next_after"], Value::Null);
}

#[actix_web::test]
async fn a_record_added_between_pages_shifts_offset_pages_but_not_keyset_pages() {
    let app = TestApp::spawn().await;
    for n in 0..4 {
        app.customer(&format!("Shift {n}")).await;
    }
    let first = app.get("/api/customers?limit=2").await;
    let after = first.body["next_after"].as_i64().unwrap();
    app.customer("Shift late").await;
    let by_offset = ids(&app.get("/api/customers?limit=2&offset=2").await);
    let by_keyset = ids(&app.get(&format!("/api/customers?limit=2&after={after}")).await);
    assert_eq!(by_offset[0], ids(&first)[1], "the offset page repeats the last record seen");
    assert!(by_keyset.iter().all(|id| *id < after), "{by_keyset:?} after {after}");
    assert_eq!(by_keyset.len(), 2);
}

#[actix_web::test]
async fn expenses_page_by_day_then_id_across_ties() {
    let app = TestApp::spawn().await;
    // Days out of creation order, with ties, so the order is not the ids'.
    for (n, day) in ["2026-03-01", "2026-01-15", "2026-03-01", "2026-02-10", "2026-01-15", "2026-03-01", "2026-02-10"]
        .into_iter()
        .enumerate()
    {
        let body = json!({"category": "office", "amount_cents": 100 + n, "expense_date": day});
        app.create("expenses", body).await;
    }
    let all = ids(&app.get("/api/expenses?limit=50").await);
    assert_eq!(all.len(), 7);
    for limit in [1, 2, 3] {
        let pages = keyset_pages(&app, "/api/expenses?category=office", limit).await;
        assert_eq!(pages.concat(), all, "limit {limit}");
    }
    let gone = app.get("/api/expenses?after=999999").await;
    assert_bad_query(&gone, "after a missing expense");
}

#[actix_web::test]
async fn paging_refuses_what_it_cannot_mean() {
    let app = TestApp::spawn().await;
    assert_bad_query(&app.get("/api/orders?after=3&offset=10").await, "after and offset");
    assert_bad_query(&app.get("/api/orders?count=roughly").await, "count=roughly");
    assert_bad_query(&app.get("/api/orders?after=last").await, "after=last");
    assert_bad_query(&app.get("/api/orders?after=").await, "after=");
    assert_bad_query(&app.get("/api/customers?after=0").await, "after=0");
}

#[actix_web::test]
async fn ids_lists_exactly_the_records_named_in_every_collection() {
    let app = TestApp::spawn().await;
    let mut made = Vec::new();
    for n in 0..6 {
        made.push(app.customer(&format!("Named {n}")).await);
    }
    let wanted = format!("{},{},{}", made[0], made[3], made[5]);
    let reply = app.get(&format!("/api/customers?ids={wanted}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(ids(&reply), [made[5], made[3], made[0]], "newest first");
    assert_eq!(reply.body["total"], 3);
    // With the other filters and paging, as any list: `q` narrows further, `limit` pages.
    let narrowed = app.get(&format!("/api/customers?ids={wanted}&q=named%203")).await;
    assert_eq!(ids(&narrowed), [made[3]]);
    let paged = app.get(&format!("/api/customers?ids={wanted}&limit=2")).await;
    assert_eq!(ids(&paged), [made[5], made[3]]);
    assert_eq!(paged.body["total"], 3);
    // An id with no record is simply not listed; repeating one lists it once.
    let missing = app.get(&format!("/api/customers?ids={},999999,{}", made[1], made[1])).await;
    assert_eq!(ids(&missing), [made[1]]);

    // Expenses list by day, not id: `ids` narrows them too.
    let mut spent = Vec::new();
    for day in ["2026-03-01", "2026-01-15", "2026-02-10"] {
        let body = json!({"category": "office", "amount_cents": 100, "expense_date": day});
        spent.push(app.create("expenses", body).await["id"].as_i64().unwrap());
    }
    let reply = app.get(&format!("/api/expenses?ids={},{}", spent[1], spent[2])).await;
    assert_eq!(ids(&reply), [spent[2], spent[1]], "by day, newest first");

    // Every collection takes it (an empty answer for ids none of them has).
    for collection in COLLECTIONS {
        let reply = app.get(&format!("/api/{collection}?ids=999998,999999")).await;
        assert_eq!(reply.status, StatusCode::OK, "{collection}: {}", reply.body);
        assert_eq!(ids(&reply), Vec::<i64>::new(), "{collection}");
        assert_eq!(reply.body["total"], 0, "{collection}");
    }
}

#[actix_web::test]
async fn ids_refuses_what_is_not_a_list_of_ids() {
    let app = TestApp::spawn().await;
    let too_many = (1..=501).map(|n| n.to_string()).collect::<Vec<_>>().join(",");
    for bad in ["", "x", "0", "-3", "3,,4", "3,", "+3", "3.5", "3%20", "99999999999999999999", too_many.as_str()] {
        let reply = app.get(&format!("/api/orders?ids={bad}")).await;
        assert_bad_query(&reply, &format!("ids={bad:.20}"));
        let message = reply.body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.starts_with("ids "), "the message names ids: {message}");
    }
    let most = (1..=500).map(|n| n.to_string()).collect::<Vec<_>>().join(",");
    assert_eq!(app.get(&format!("/api/orders?ids={most}")).await.status, StatusCode::OK);
}
