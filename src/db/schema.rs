//! The tables, as diesel sees them. Written by hand so every column uses a type that both
//! SQLite and PostgreSQL map the same way (BigInt ids, Timestamp in UTC, Date, Double, Text).

diesel::table! {
    log_head (id) {
        id -> BigInt,
        seq -> BigInt,
    }
}

diesel::table! {
    events (seq) {
        seq -> BigInt,
        event_type -> Text,
        topics -> Text,
        frame -> Text,
        created_at -> Timestamp,
        scope -> Text,
        facets -> Text,
    }
}

diesel::table! {
    audit (id) {
        id -> BigInt,
        at -> Timestamp,
        collection -> Text,
        record_id -> BigInt,
        action -> Text,
        seq -> Nullable<BigInt>,
        token_id -> BigInt,
        token_name -> Text,
        role -> Text,
        changes -> Text,
    }
}

diesel::table! {
    customers (id) {
        id -> BigInt,
        name -> Text,
        email -> Text,
        phone -> Nullable<Text>,
        address -> Nullable<Text>,
        segment -> Text,
        notes -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    employees (id) {
        id -> BigInt,
        name -> Text,
        email -> Text,
        role -> Text,
        department -> Nullable<Text>,
        phone -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    services (id) {
        id -> BigInt,
        name -> Text,
        description -> Nullable<Text>,
        price_cents -> BigInt,
        duration_minutes -> Nullable<BigInt>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    products (id) {
        id -> BigInt,
        sku -> Text,
        name -> Text,
        description -> Nullable<Text>,
        price_cents -> BigInt,
        cost_cents -> BigInt,
        stock_quantity -> BigInt,
        reorder_level -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    orders (id) {
        id -> BigInt,
        customer_id -> BigInt,
        status -> Text,
        delivery_address -> Nullable<Text>,
        notes -> Nullable<Text>,
        total_cents -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    order_items (id) {
        id -> BigInt,
        order_id -> BigInt,
        service_id -> Nullable<BigInt>,
        product_id -> Nullable<BigInt>,
        description -> Text,
        quantity -> BigInt,
        unit_price_cents -> BigInt,
    }
}

diesel::table! {
    invoices (id) {
        id -> BigInt,
        number -> Text,
        kind -> Text,
        customer_id -> Nullable<BigInt>,
        counterparty -> Text,
        amount_cents -> BigInt,
        issue_date -> Date,
        due_date -> Date,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    expenses (id) {
        id -> BigInt,
        category -> Text,
        description -> Nullable<Text>,
        amount_cents -> BigInt,
        expense_date -> Date,
        vendor -> Nullable<Text>,
        employee_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    budgets (id) {
        id -> BigInt,
        category -> Text,
        period -> Text,
        amount_cents -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    drivers (id) {
        id -> BigInt,
        name -> Text,
        phone -> Nullable<Text>,
        vehicle -> Nullable<Text>,
        status -> Text,
        lat -> Nullable<Double>,
        lng -> Nullable<Double>,
        location_updated_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    deliveries (id) {
        id -> BigInt,
        order_id -> BigInt,
        driver_id -> Nullable<BigInt>,
        status -> Text,
        address -> Text,
        notes -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    transit_batches (id) {
        id -> BigInt,
        code -> Text,
        origin -> Text,
        destination -> Text,
        status -> Text,
        initiated_at -> Nullable<Timestamp>,
        completed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    transit_batch_orders (transit_batch_id, order_id) {
        transit_batch_id -> BigInt,
        order_id -> BigInt,
    }
}

diesel::joinable!(orders -> customers (customer_id));
diesel::joinable!(order_items -> orders (order_id));
diesel::joinable!(invoices -> customers (customer_id));
diesel::joinable!(expenses -> employees (employee_id));
diesel::joinable!(deliveries -> orders (order_id));
diesel::joinable!(deliveries -> drivers (driver_id));
diesel::joinable!(transit_batch_orders -> transit_batches (transit_batch_id));
diesel::joinable!(transit_batch_orders -> orders (order_id));

diesel::allow_tables_to_appear_in_same_query!(
    customers,
    employees,
    services,
    products,
    orders,
    order_items,
    invoices,
    expenses,
    budgets,
    drivers,
    deliveries,
    transit_batches,
    transit_batch_orders,
);

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        name -> Text,
        role -> Text,
        driver_id -> Nullable<BigInt>,
        token_hash -> Text,
        expires_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    web_sessions (id) {
        id -> BigInt,
        session_hash -> Text,
        token_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    ws_tickets (ticket_hash) {
        ticket_hash -> Text,
        token_id -> BigInt,
        session_id -> Nullable<BigInt>,
        expires_at -> Timestamp,
    }
}

diesel::joinable!(web_sessions -> api_tokens (token_id));
diesel::allow_tables_to_appear_in_same_query!(api_tokens, web_sessions);
