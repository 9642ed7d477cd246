CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    status TEXT NOT NULL DEFAULT 'pending',
    delivery_address TEXT,
    notes TEXT,
    total_cents BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX orders_customer_id ON orders (customer_id);
CREATE INDEX orders_status ON orders (status);

CREATE TABLE order_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    service_id BIGINT REFERENCES services (id) ON DELETE RESTRICT,
    product_id BIGINT REFERENCES products (id) ON DELETE RESTRICT,
    description TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents >= 0),
    CHECK (service_id IS NULL OR product_id IS NULL)
);
CREATE INDEX order_items_order_id ON order_items (order_id);
CREATE INDEX order_items_service_id ON order_items (service_id);
CREATE INDEX order_items_product_id ON order_items (product_id);
