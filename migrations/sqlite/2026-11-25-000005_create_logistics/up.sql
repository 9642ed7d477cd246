CREATE TABLE drivers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    phone TEXT,
    vehicle TEXT,
    status TEXT NOT NULL DEFAULT 'offline',
    lat DOUBLE PRECISION,
    lng DOUBLE PRECISION,
    location_updated_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX drivers_status ON drivers (status);

CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id BIGINT NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    driver_id BIGINT REFERENCES drivers (id) ON DELETE RESTRICT,
    status TEXT NOT NULL DEFAULT 'pending',
    address TEXT NOT NULL,
    notes TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX deliveries_order_id ON deliveries (order_id);
CREATE INDEX deliveries_driver_id ON deliveries (driver_id);
CREATE INDEX deliveries_status ON deliveries (status);

CREATE TABLE transit_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    destination TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'planned',
    initiated_at TIMESTAMP,
    completed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE transit_batch_orders (
    transit_batch_id BIGINT NOT NULL REFERENCES transit_batches (id) ON DELETE CASCADE,
    order_id BIGINT NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    PRIMARY KEY (transit_batch_id, order_id)
);
CREATE INDEX transit_batch_orders_order_id ON transit_batch_orders (order_id);
