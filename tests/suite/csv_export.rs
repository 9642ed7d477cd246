//! CSV export of the lists (`?format=csv`, `Accept: text/csv`): 10,000 rows streamed, read back by
//! Python's csv module equal to the JSON list; filters, sort, money, driver scope and errors; the
//! server's memory while a slow client reads; how many exports run at once.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use actix_web::http::StatusCode;
use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::common::{eventually, TestApp, TestDb};

/// A CSV answer: its status, headers and body.
struct Csv {
    status: StatusCode,
    headers: actix_web::http::header::HeaderMap,
    body: String,
}

impl Csv {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The rows as Python's csv module reads them, header first.
    fn rows(&self) -> Vec<Vec<String>> {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        python_csv(&self.body)
    }
}

/// `GET path` by `client` with `accept` (if any): the whole answer.
async fn fetch(app: &TestApp, client: &awc::Client, path: &str, accept: Option<&str>) -> Csv {
    let mut request = client.get(app.url(path));
    if let Some(accept) = accept {
        request = request.insert_header(("Accept", accept));
    }
    let mut response = request.send().await.expect("the list answers");
    let body = response.body().limit(256 * 1024 * 1024).await.expect("the whole body arrives");
    Csv {
        status: response.status(),
        headers: response.headers().clone(),
        body: String::from_utf8(body.to_vec()).expect("the body is UTF-8"),
    }
}

/// Parses `body` with Python's csv module (strict: a quoting error fails), as a spreadsheet script
/// would read the file.
fn python_csv(body: &str) -> Vec<Vec<String>> {
    let script = "import csv, io, json, sys\n\
                  rows = list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline=''), strict=True))\n\
                  json.dump(rows, sys.stdout)";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = body.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("python3 finishes");
    writer.join().unwrap().expect("python3 reads the whole body");
    assert!(output.status.success(), "python's csv module fails: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("python answers JSON")
}

/// The cells the CSV should hold for `record` under `header`, from its JSON: money in decimal
/// units, ids joined by spaces, null empty.
fn expected_row(header: &[String], record: &Value) -> Vec<String> {
    header
        .iter()
        .map(|column| match column.strip_suffix(" (decimal units)") {
            Some(money) => {
                let cents = record[format!("{money}_cents")].as_i64().expect("money is cents");
                let sign = if cents < 0 { "-" } else { "" };
                format!("{sign}{}.{:02}", cents.unsigned_abs() / 100, cents.unsigned_abs() % 100)
            }
            None => text(&record[column.as_str()]),
        })
        .collect()
}

fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    }
}

/// Every record of the JSON list at `path` (with its filters), read by keyset pages of 500.
async fn json_list(app: &TestApp, path: &str) -> Vec<Value> {
    let mut records = Vec::new();
    let mut after: Option<i64> = None;
    loop {
        let joiner = if path.contains('?') { '&' } else { '?' };
        let cursor = after.map(|after| format!("&after={after}")).unwrap_or_default();
        let reply = app.get(&format!("{path}{joiner}limit=500{cursor}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        records.extend(reply.body["items"].as_array().unwrap().iter().cloned());
        match reply.body["next_after"].as_i64() {
            Some(next) => after = Some(next),
            None => return records,
        }
    }
}

/// `count` customers straight into the database (through the API they would take minutes), each
/// with `notes_len` characters of notes.
async fn insert_customers(db: &TestDb, count: usize, notes_len: usize) {
    use diesel::RunQueryDsl;
    let url = db.url.clone();
    actix_web::web::block(move || {
        let pool = switchboard::db::build_pool(&url, 1).expect("the test database opens");
        let mut conn = pool.get().expect("a connection");
        let notes = "n".repeat(notes_len);
        let numbers: Vec<usize> = (0..count).collect();
        for chunk in numbers.chunks(500) {
            let values: Vec<String> = chunk
                .iter()
                .map(|i| {
                    format!(
                        "('Bulk customer {i}', 'bulk{i}@example.com', 'new', '{notes}', CURRENT_TIMESTAMP, \
                         CURRENT_TIMESTAMP, 1)"
                    )
                })
                .collect();
            diesel::sql_query(format!(
                "INSERT INTO customers (name, email, segment, notes, created_at, updated_at, version) VALUES {}",
                values.join(", ")
            ))
            .execute(&mut *conn)
            .expect("the customers are inserted");
        }
    })
    .await
    .unwrap();
}

#[actix_web::test]
async fn ten_thousand_customers_stream_as_csv_that_python_reads_back_equal_to_the_json_list() {
    let app = TestApp::spawn().await;
    insert_customers(&app.db, 9_997, 20).await;
    // Three the test writes itself, with what CSV must quote.
    let tricky = [
        json!({"name": "Duval, Marguerite", "email": "duval@example.com", "notes": "said \"call me\", twice"}),
        json!({"name": "Two\nLines", "email": "two@example.com", "address": "1 Rue\r\nParis", "phone": "+33 1"}),
        json!({"name": "=1+1", "email": "formula@example.com", "notes": "\"\""}),
    ];
    for body in &tricky {
        app.create("customers", body.clone()).await;
    }
    let expected = json_list(&app, "/api/customers").await;
    assert_eq!(expected.len(), 10_000);

    for (path, accept) in [("/api/customers?format=csv", None), ("/api/customers", Some("text/csv"))] {
        let csv = fetch(&app, &app.client, path, accept).await;
        assert_eq!(csv.status, StatusCode::OK, "{path}: {}", csv.body);
        assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
        let disposition = csv.header("content-disposition").unwrap();
        assert!(disposition.starts_with("attachment; filename=\"customers-20"), "{disposition}");
        // Streamed: chunked, no length known up front.
        assert_eq!(csv.header("content-length"), None);
        assert_eq!(csv.header("transfer-encoding"), Some("chunked"));
        // Every record ends in CRLF; the newlines inside the quoted name and address are their own.
        assert_eq!(csv.body.matches("\r\n").count(), 10_001 + 1, "the address's CRLF is inside quotes");
        assert!(csv.body.contains("\"Two\nLines\""), "a newline inside a field is quoted");
        assert!(csv.body.contains("\"said \"\"call me\"\", twice\""), "quotes are doubled");

        let rows = csv.rows();
        assert_eq!(rows.len(), 10_001, "a header and a row per customer");
        assert_eq!(
            rows[0],
            ["id", "name", "email", "phone", "address", "segment", "notes", "created_at", "updated_at", "version"]
        );
        let records: Vec<Vec<String>> = expected.iter().map(|record| expected_row(&rows[0], record)).collect();
        assert_eq!(rows[1..], records[..], "the CSV holds the JSON list, in its order");
        // Newest first, as the JSON list: the three written last come first, as written.
        assert_eq!(rows[1][1], "=1+1", "values are written as they are");
        assert_eq!(rows[1][6], "\"\"");
        assert_eq!((rows[2][1].as_str(), rows[2][4].as_str()), ("Two\nLines", "1 Rue\r\nParis"));
        assert_eq!((rows[3][1].as_str(), rows[3][6].as_str()), ("Duval, Marguerite", "said \"call me\", twice"));
    }
    app.stop();
}

#[actix_web::test]
async fn an_export_honours_filters_sort_search_limit_and_writes_money_in_decimal_units() {
    let app = TestApp::spawn().await;
    let duval = app.customer("Marguerite Duval").await;
    let stone = app.customer("Bob Stone").await;
    let small = app.order(duval, "confirmed", Some("Rue, 1"), 5).await;
    let large = app.order(stone, "confirmed", None, 1_234_567).await;
    let free = app.order(stone, "confirmed", None, 0).await;
    let pending = app.order(duval, "pending", None, 999).await;

    let csv = fetch(&app, &app.client, "/api/orders?format=csv&status=confirmed&sort=-total_cents", None).await;
    let rows = csv.rows();
    assert_eq!(
        rows[0],
        [
            "id",
            "customer_id",
            "status",
            "delivery_address",
            "notes",
            "total (decimal units)",
            "created_at",
            "updated_at",
            "version"
        ],
        "an order's lines are left out; money says it is in decimal units, with no currency"
    );
    let listed: Vec<(String, String)> = rows[1..].iter().map(|row| (row[0].clone(), row[5].clone())).collect();
    let expected = [(large, "12345.67"), (small, "0.05"), (free, "0.00")];
    assert_eq!(listed, expected.map(|(id, total)| (id.to_string(), total.to_owned())));
    let json = json_list(&app, "/api/orders?status=confirmed&sort=-total_cents").await;
    let records: Vec<Vec<String>> = json.iter().map(|record| expected_row(&rows[0], record)).collect();
    assert_eq!(rows[1..], records[..], "the same records and values as the JSON list");
    assert!(rows[1][6].ends_with('Z') && rows[1][6].contains('T'), "timestamps are ISO 8601: {}", rows[1][6]);

    // Search, the customer filter, and the pending order left out above.
    let rows = fetch(&app, &app.client, "/api/orders?format=csv&q=duval", None).await.rows();
    let ids: Vec<&str> = rows[1..].iter().map(|row| row[0].as_str()).collect();
    assert_eq!(ids, [pending.to_string(), small.to_string()]);
    let rows = fetch(&app, &app.client, &format!("/api/orders?format=csv&customer_id={stone}"), None).await.rows();
    assert_eq!(rows.len(), 3);
    // `limit` caps the export, `offset` starts it further in; ascending sort with a cursor.
    let rows = fetch(&app, &app.client, "/api/orders?format=csv&sort=total_cents&limit=2&offset=1", None).await.rows();
    let ids: Vec<&str> = rows[1..].iter().map(|row| row[0].as_str()).collect();
    assert_eq!(ids, [small.to_string(), pending.to_string()]);
    // A list with nothing in it is its header alone.
    let empty = fetch(&app, &app.client, "/api/orders?format=csv&status=delivered", None).await;
    assert_eq!(empty.body.lines().count(), 1, "{}", empty.body);
    assert_eq!(empty.rows()[0][0], "id");
    app.stop();
}

#[actix_web::test]
async fn an_export_has_the_json_lists_scope_and_errors() {
    let app = TestApp::spawn().await;
    let customer = app.customer("Ada Lovelace").await;
    let mut drivers = Vec::new();
    let mut deliveries = Vec::new();
    for name in ["Dana", "Eli"] {
        let driver = app.create("drivers", json!({"name": name})).await["id"].as_i64().unwrap();
        let reply = app.post(&format!("/api/drivers/{driver}/status"), json!({"status": "available"})).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        for _ in 0..2 {
            let order = app.order(customer, "pending", Some("1 Main St"), 1000).await;
            let delivery = app.create("deliveries", json!({"order_id": order})).await["id"].as_i64().unwrap();
            let assign = app.post(&format!("/api/deliveries/{delivery}/assign"), json!({"driver_id": driver})).await;
            assert_eq!(assign.status, StatusCode::OK, "{}", assign.body);
            deliveries.push((driver, delivery));
        }
        drivers.push(driver);
    }
    app.create("deliveries", json!({"order_id": app.order(customer, "pending", Some("2 Side St"), 1).await})).await;

    let dana = app.client_as(Some(&app.token("driver", Some(drivers[0])).await));
    let rows = fetch(&app, &dana, "/api/deliveries?format=csv", None).await.rows();
    let mut seen: Vec<i64> = rows[1..].iter().map(|row| row[0].parse().unwrap()).collect();
    seen.sort();
    let own: Vec<i64> = deliveries.iter().filter(|(driver, _)| *driver == drivers[0]).map(|(_, id)| *id).collect();
    assert_eq!(seen, own, "a driver's export holds their deliveries only");
    let driver_column = rows[0].iter().position(|column| column == "driver_id").unwrap();
    assert!(rows[1..].iter().all(|row| row[driver_column] == drivers[0].to_string()));
    // Naming another driver does not widen it.
    let rows = fetch(&app, &dana, &format!("/api/deliveries?format=csv&driver_id={}", drivers[1]), None).await.rows();
    assert_eq!(rows.len(), 1 + own.len());
    let rows = fetch(&app, &dana, "/api/drivers?format=csv", None).await.rows();
    assert_eq!(rows[1..].iter().map(|row| row[0].clone()).collect::<Vec<_>>(), [drivers[0].to_string()]);

    // Who may not read the list may not export it; anonymous callers are 401 as ever.
    let accountant = app.client_as(Some(&app.token("accountant", None).await));
    let expectations: [(&awc::Client, &str, StatusCode, &str); 5] = [
        (&accountant, "/api/drivers?format=csv", StatusCode::FORBIDDEN, "forbidden"),
        (&accountant, "/api/deliveries?format=csv", StatusCode::FORBIDDEN, "forbidden"),
        (&dana, "/api/customers?format=csv", StatusCode::FORBIDDEN, "forbidden"),
        (&app.client_as(None), "/api/drivers?format=csv", StatusCode::UNAUTHORIZED, "unauthorized"),
        (&accountant, "/api/customers?format=xml", StatusCode::BAD_REQUEST, "bad_query"),
    ];
    for (client, path, status, code) in expectations {
        let reply = fetch(&app, client, path, None).await;
        assert_eq!(reply.status, status, "{path}: {}", reply.body);
        let body: Value = serde_json::from_str(&reply.body).expect("errors are JSON");
        assert_eq!(body["error"]["code"], code, "{path}: {body}");
    }
    let accountants = fetch(&app, &accountant, "/api/customers?format=csv", None).await;
    assert_eq!(accountants.rows().len(), 2, "an accountant exports the customers");

    // Errors before the first byte are the JSON list's 400s, naming the parameter.
    for (path, parameter) in [
        ("/api/orders?format=xml", "format"),
        ("/api/orders?format=csv&sort=colour", "sort"),
        ("/api/orders?format=csv&status=lost", "status"),
        ("/api/orders?format=csv&after=999999&sort=total_cents", "after"),
        ("/api/orders?format=csv&limit=0", "limit"),
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}: {}", reply.body);
        assert_eq!(reply.code(), "bad_query", "{path}");
        assert!(reply.body["error"]["details"][parameter].is_string(), "{path}: {}", reply.body);
    }
    // `format=json` and an Accept that ranks JSON first (or ties) answer the JSON page.
    for (path, accept) in [
        ("/api/orders?format=json", Some("text/csv")),
        ("/api/orders", Some("application/json, text/csv")),
        ("/api/orders", Some("text/csv;q=0.5, */*;q=0.8")),
        ("/api/orders", Some("text/csv;q=0")),
        ("/api/orders", None),
    ] {
        let reply = fetch(&app, &app.client, path, accept).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.header("content-type"), Some("application/json"), "{path} {accept:?}");
    }
    let reply = fetch(&app, &app.client, "/api/orders", Some("application/json;q=0.5, text/csv")).await;
    assert_eq!(reply.header("content-type"), Some("text/csv; charset=utf-8"));
    app.stop();
}

/// The resident memory of process `pid`, in bytes.
fn rss_of(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc names the server");
    let kilobytes: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/<pid>/status");
    kilobytes * 1024
}

#[actix_web::test]
async fn a_slowly_read_export_of_ten_thousand_rows_keeps_the_servers_memory_bounded() {
    // Its own process, so the figures are the server's alone.
    let db = std::sync::Arc::new(TestDb::new());
    let token = {
        let db = db.clone();
        actix_web::web::block(move || db.admin_token()).await.unwrap()
    };
    insert_customers(&db, 10_000, 2_000).await;
    let server = crate::shutdown::Server::start(&db.url).await;
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(120))
        .add_default_header(("Authorization", format!("Bearer {token}")))
        .finish();
    let url = |path: &str| format!("http://127.0.0.1:{}{path}", server.port);
    // Warm up: the workers, the blocking threads and the pool have served an export before.
    for _ in 0..2 {
        let mut warm = client.get(url("/api/customers?format=csv&limit=1000")).send().await.unwrap();
        assert_eq!(warm.body().limit(64 * 1024 * 1024).await.unwrap().iter().filter(|b| **b == b'\n').count(), 1001);
    }
    let before = rss_of(server.pid());

    let mut response = client.get(url("/api/customers?format=csv")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (mut bytes, mut lines, mut peak) = (0usize, 0usize, before);
    while let Some(chunk) = response.next().await {
        let chunk = chunk.expect("the export arrives whole");
        bytes += chunk.len();
        lines += chunk.iter().filter(|b| **b == b'\n').count();
        peak = peak.max(rss_of(server.pid()));
        // A slow client: the server must wait for it, not read ahead into memory.
        actix_web::rt::time::sleep(Duration::from_millis(2)).await;
    }
    let after = rss_of(server.pid());
    assert_eq!(lines, 10_001);
    let growth = peak.saturating_sub(before);
    eprintln!(
        "CSV export of {bytes} bytes: server RSS {} KiB before, {} KiB at peak, {} KiB after (growth {} KiB)",
        before / 1024,
        peak / 1024,
        after / 1024,
        growth / 1024
    );
    assert!(bytes > 20_000_000, "the export is large: {bytes} bytes");
    // One page (250 rows of ~2 KB: ~0.5 MB as text, a few times that as JSON values on the way),
    // the connection's buffers, and under load a blocking thread or two more (a stack and an
    // allocator arena each; up to 1.3 MB seen under `stress`): a quarter of the export leaves
    // room for all that, while a server holding the whole export fails it several times over
    // (reading it as one page of 10,000 grew the server by 43 MB).
    assert!(growth < bytes as u64 / 4, "the server grew by {growth} bytes exporting {bytes}");
}

#[actix_web::test]
async fn at_most_four_exports_run_at_once_and_one_whose_client_leaves_ends() {
    let app = TestApp::spawn().await;
    // More than the sockets' buffers hold, so an export whose client does not read stays open.
    insert_customers(&app.db, 10_000, 2_000).await;
    let path = "/api/customers?format=csv";
    let mut open = Vec::new();
    for _ in 0..4 {
        let response = app.client.get(app.url(path)).send().await.expect("an export starts");
        assert_eq!(response.status(), StatusCode::OK);
        open.push(response);
    }
    let refused = app.get(path).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE, "{}", refused.body);
    assert_eq!(refused.code(), "overloaded");
    assert_eq!(refused.header("retry-after").as_deref(), Some("1"));
    // The JSON list is not held up by them.
    assert_eq!(app.get("/api/customers?limit=1").await.status, StatusCode::OK);

    // A client that goes away: its export stops and gives its place back.
    drop(open.pop());
    let (client, url) = (app.client.clone(), app.url(path));
    let mut next = eventually("an export's place is given back", Duration::from_secs(10), || {
        let (client, url) = (client.clone(), url.clone());
        async move {
            let response = client.get(url).send().await.expect("the server answers");
            (response.status() == StatusCode::OK).then_some(response)
        }
    })
    .await;
    let first = next.next().await.expect("a first chunk").expect("the export streams");
    assert!(first.starts_with(b"id,name,email"));
    app.stop();
}

#[actix_web::test]
async fn a_sorted_export_goes_on_when_the_row_a_page_ended_on_is_deleted() {
    let app = TestApp::spawn().await;
    // 20 MB: more than the sockets hold, so the export is still under way after its first bytes.
    insert_customers(&app.db, 10_000, 2_000).await;
    let sorted: Vec<i64> =
        json_list(&app, "/api/customers?sort=name").await.iter().map(|record| record["id"].as_i64().unwrap()).collect();
    // The last row of every page of 250 as the export reads them.
    let ends: Vec<i64> = sorted.iter().skip(249).step_by(250).copied().collect();

    let mut response = app.client.get(app.url("/api/customers?format=csv&sort=name")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.next().await.expect("a first chunk").expect("the export streams").to_vec();
    // Whichever page the server has read last, the row it ended on goes now (in one transaction).
    let (url, listed) = (app.db.url.clone(), ends.iter().map(i64::to_string).collect::<Vec<_>>().join(", "));
    actix_web::web::block(move || {
        use diesel::RunQueryDsl;
        let pool = switchboard::db::build_pool(&url, 1).expect("the test database opens");
        let mut conn = pool.get().expect("a connection");
        diesel::sql_query(format!("DELETE FROM customers WHERE id IN ({listed})")).execute(&mut *conn)
    })
    .await
    .unwrap()
    .expect("the rows are deleted");
    while let Some(chunk) = response.next().await {
        body.extend_from_slice(&chunk.expect("the export arrives whole"));
    }

    let rows = python_csv(&String::from_utf8(body).unwrap());
    let exported: Vec<i64> = rows[1..].iter().map(|row| row[0].parse().unwrap()).collect();
    let sent_before: Vec<i64> = ends.iter().copied().filter(|id| exported.contains(id)).collect();
    assert!(!sent_before.is_empty(), "the first page was read before the delete");
    assert!(sent_before.len() < ends.len(), "the export was still under way at the delete");
    // Every row that was never deleted, once, in order; of the deleted, those sent before.
    let expected: Vec<i64> =
        sorted.iter().copied().filter(|id| !ends.contains(id) || sent_before.contains(id)).collect();
    assert_eq!(exported, expected);
    app.stop();
}
