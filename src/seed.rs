//! `switchboard seed-demo`: a small, believable back office, so a new user sees every list,
//! view and state at once: orders in every status, drivers on the move, deliveries assigned
//! and not, transit batches planned, in transit and completed, overdue invoices on both sides,
//! and budgets with expenses against them. Dates are relative to today.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;

use crate::db::schema::*;
use crate::db::{self, AnyConnection};
use crate::domain::status::{DeliveryStatus, DriverStatus, InvoiceStatus, OrderStatus, TransitBatchStatus};
use crate::entities::{customer, now};
use crate::error::ApiError;

const EMPLOYEES: &[(&str, &str, &str, &str)] = &[
    ("Maria Santos", "maria.santos@switchboard.example", "admin", "Operations"),
    ("James Okafor", "james.okafor@switchboard.example", "manager", "Operations"),
    ("Priya Raman", "priya.raman@switchboard.example", "dispatcher", "Dispatch"),
    ("Tomás Ferreira", "tomas.ferreira@switchboard.example", "dispatcher", "Dispatch"),
    ("Hannah Weiss", "hannah.weiss@switchboard.example", "accountant", "Finance"),
    ("Kenji Watanabe", "kenji.watanabe@switchboard.example", "staff", "Warehouse"),
    ("Amara Nwosu", "amara.nwosu@switchboard.example", "staff", "Customer care"),
    ("Lukas Brandt", "lukas.brandt@switchboard.example", "driver", "Fleet"),
];

const CUSTOMERS: &[(&str, &str, &str, &str)] = &[
    ("Northwind Traders", "orders@northwind.example", "+1 206 555 0101", "1200 Harbor Ave, Seattle"),
    ("Blue Harbor Cafe", "hello@blueharbor.example", "+1 206 555 0102", "88 Pier St, Seattle"),
    ("Greenleaf Florists", "shop@greenleaf.example", "+1 206 555 0103", "17 Rose Ln, Bellevue"),
    ("Summit Dental Clinic", "admin@summitdental.example", "+1 425 555 0104", "400 Summit Rd, Redmond"),
    ("Cedar & Oak Furniture", "sales@cedaroak.example", "+1 253 555 0105", "9 Mill Rd, Tacoma"),
    ("Pixel Forge Studio", "studio@pixelforge.example", "+1 206 555 0106", "300 Pine St, Seattle"),
    ("Riverside Bakery", "bread@riverside.example", "+1 425 555 0107", "52 River Rd, Renton"),
    ("Atlas Legal LLP", "office@atlaslegal.example", "+1 206 555 0108", "1 Union Sq, Seattle"),
    ("Maple Street Books", "books@maplestreet.example", "+1 360 555 0109", "14 Maple St, Everett"),
    ("Orbit Bike Repair", "fix@orbitbikes.example", "+1 206 555 0110", "77 Spoke Ave, Seattle"),
    ("Lumen Architects", "studio@lumenarch.example", "+1 425 555 0111", "210 Light Way, Kirkland"),
    ("Harbor Freight Co-op", "coop@harborfreight.example", "+1 253 555 0112", "5 Dock Rd, Tacoma"),
    // No orders or invoices yet: a customer the seed's scenarios may edit or delete.
    ("Willow Yoga Studio", "namaste@willowyoga.example", "+1 206 555 0113", "45 Willow Ct, Seattle"),
    ("Copperline Electric", "jobs@copperline.example", "+1 425 555 0114", "900 Volt Ave, Bothell"),
];

/// name, description, price, minutes
const SERVICES: &[(&str, &str, i64, i64)] = &[
    ("Same-day courier", "Pick-up and delivery within the metro area the same day", 2_500, 180),
    ("Express documents", "Signed-for document delivery within two hours", 1_800, 120),
    ("Pallet freight", "One standard pallet, dock to dock", 12_000, 480),
    ("White-glove installation", "Delivery, unpacking and installation by two technicians", 15_000, 240),
    ("Warehouse storage (week)", "One pallet space for a week", 4_500, 0),
    ("Returns handling", "Collect, inspect and restock a returned item", 900, 30),
    // On no order yet: services the seed's third scenario may delete.
    ("Weekend delivery", "Saturday and Sunday deliveries within the metro area", 3_200, 240),
    ("Gift wrapping", "Wrapping and a handwritten card, per item", 600, 10),
];

/// sku, name, price, cost, stock, reorder level
const PRODUCTS: &[(&str, &str, i64, i64, i64, i64)] = &[
    ("BOX-S", "Shipping box, small", 150, 60, 640, 200),
    ("BOX-M", "Shipping box, medium", 220, 90, 410, 200),
    ("BOX-L", "Shipping box, large", 320, 140, 120, 150),
    ("TAPE-48", "Packing tape 48 mm", 450, 180, 85, 60),
    ("WRAP-50", "Bubble wrap roll 50 m", 2_400, 1_100, 12, 15),
    ("PAL-EUR", "Euro pallet", 1_800, 900, 0, 10),
    ("LBL-1K", "Thermal labels (1,000)", 1_900, 850, 34, 20),
    ("STRAP-PP", "Strapping band 1,000 m", 3_900, 2_000, 6, 8),
    ("GLOVE-M", "Work gloves, medium", 650, 250, 48, 24),
    ("CRATE-W", "Wooden crate", 5_500, 2_600, 9, 4),
];

/// name, phone, vehicle, status, lat, lng
const DRIVERS: &[(&str, &str, &str, DriverStatus, f64, f64)] = &[
    ("Lukas Brandt", "+1 206 555 0201", "Van WA-4411", DriverStatus::OnDelivery, 47.6205, -122.3493),
    ("Sofia Marquez", "+1 206 555 0202", "Van WA-4412", DriverStatus::OnDelivery, 47.6097, -122.3331),
    ("Dev Patel", "+1 206 555 0203", "Box truck WA-9020", DriverStatus::Available, 47.5952, -122.3316),
    ("Chloe Martin", "+1 206 555 0204", "Cargo bike 7", DriverStatus::OnBreak, 47.6154, -122.3207),
    ("Noah Kim", "+1 206 555 0205", "Van WA-4415", DriverStatus::Offline, 47.6588, -122.3135),
];

/// customer, status, days ago, items as (service index or product index, is_product, quantity)
type SeedOrder = (usize, OrderStatus, i64, &'static [(usize, bool, i64)]);

/// kind, customer (receivables) or none, supplier, amount, issued and due (days from today),
/// status
type SeedInvoice = (&'static str, Option<usize>, &'static str, i64, i64, i64, InvoiceStatus);
const ORDERS: &[SeedOrder] = &[
    (0, OrderStatus::Pending, 0, &[(0, false, 2), (1, true, 20)]),
    (1, OrderStatus::Pending, 1, &[(1, false, 1)]),
    (2, OrderStatus::Confirmed, 1, &[(0, false, 1), (0, true, 50)]),
    (3, OrderStatus::Confirmed, 2, &[(3, false, 1)]),
    (4, OrderStatus::InProgress, 2, &[(2, false, 2), (5, true, 2)]),
    (5, OrderStatus::InProgress, 3, &[(1, false, 3)]),
    (6, OrderStatus::Ready, 3, &[(0, false, 1), (3, true, 4)]),
    (7, OrderStatus::Ready, 4, &[(1, false, 2)]),
    (0, OrderStatus::OutForDelivery, 4, &[(2, false, 1)]),
    (8, OrderStatus::OutForDelivery, 5, &[(0, false, 2), (6, true, 1)]),
    (9, OrderStatus::OutForDelivery, 5, &[(0, false, 1)]),
    (10, OrderStatus::Delivered, 12, &[(3, false, 1), (9, true, 1)]),
    (0, OrderStatus::Delivered, 20, &[(2, false, 40)]),
    (11, OrderStatus::Delivered, 130, &[(4, false, 4)]),
    (1, OrderStatus::Cancelled, 9, &[(5, false, 1)]),
];

/// The demo's delivery address for an order: its customer's.
fn address_of(customer: usize) -> &'static str {
    CUSTOMERS[customer].3
}

/// Fills an empty database with the demo data set in one transaction; `None` when the
/// database already holds records (nothing is changed then).
pub fn seed_demo(conn: &mut AnyConnection) -> Result<Option<String>, ApiError> {
    db::write_transaction(conn, |conn| {
        let customers_present: i64 = customers::table.count().get_result(conn)?;
        let employees_present: i64 = employees::table.count().get_result(conn)?;
        if customers_present + employees_present > 0 {
            return Ok(None);
        }
        let at = now();
        let today = at.date();

        for (name, email, role, department) in EMPLOYEES {
            diesel::insert_into(employees::table)
                .values((
                    employees::name.eq(name),
                    employees::email.eq(email),
                    employees::role.eq(role),
                    employees::department.eq(department),
                    employees::active.eq(true),
                    employees::created_at.eq(at),
                    employees::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        let mut customer_ids = Vec::new();
        for (name, email, phone, address) in CUSTOMERS {
            let id: i64 = diesel::insert_into(customers::table)
                .values((
                    customers::name.eq(name),
                    customers::email.eq(email),
                    customers::phone.eq(phone),
                    customers::address.eq(address),
                    customers::created_at.eq(at - Duration::days(200)),
                    customers::updated_at.eq(at),
                ))
                .returning(customers::id)
                .get_result(conn)?;
            customer_ids.push(id);
        }
        let mut service_ids = Vec::new();
        for (name, description, price, minutes) in SERVICES {
            let id: i64 = diesel::insert_into(services::table)
                .values((
                    services::name.eq(name),
                    services::description.eq(description),
                    services::price_cents.eq(price),
                    services::duration_minutes.eq((*minutes > 0).then_some(*minutes)),
                    services::active.eq(true),
                    services::created_at.eq(at),
                    services::updated_at.eq(at),
                ))
                .returning(services::id)
                .get_result(conn)?;
            service_ids.push(id);
        }
        let mut product_ids = Vec::new();
        for (sku, name, price, cost, stock, reorder) in PRODUCTS {
            let id: i64 = diesel::insert_into(products::table)
                .values((
                    products::sku.eq(sku),
                    products::name.eq(name),
                    products::price_cents.eq(price),
                    products::cost_cents.eq(cost),
                    products::stock_quantity.eq(stock),
                    products::reorder_level.eq(reorder),
                    products::created_at.eq(at),
                    products::updated_at.eq(at),
                ))
                .returning(products::id)
                .get_result(conn)?;
            product_ids.push(id);
        }

        let mut order_ids = Vec::new();
        for (customer, status, days_ago, items) in ORDERS {
            let created = at - Duration::days(*days_ago) - Duration::minutes(37 * order_ids.len() as i64);
            let order_id: i64 = diesel::insert_into(orders::table)
                .values((
                    orders::customer_id.eq(customer_ids[*customer]),
                    orders::status.eq(status),
                    orders::delivery_address.eq(address_of(*customer)),
                    orders::total_cents.eq(0),
                    orders::created_at.eq(created),
                    orders::updated_at.eq(created),
                ))
                .returning(orders::id)
                .get_result(conn)?;
            let mut total = 0;
            for &(index, is_product, quantity) in items.iter() {
                let (description, price, service_id, product_id) = if is_product {
                    (PRODUCTS[index].1, PRODUCTS[index].2, None, Some(product_ids[index]))
                } else {
                    (SERVICES[index].0, SERVICES[index].2, Some(service_ids[index]), None)
                };
                total += price * quantity;
                diesel::insert_into(order_items::table)
                    .values((
                        order_items::order_id.eq(order_id),
                        order_items::service_id.eq(service_id),
                        order_items::product_id.eq(product_id),
                        order_items::description.eq(description),
                        order_items::quantity.eq(quantity),
                        order_items::unit_price_cents.eq(price),
                    ))
                    .execute(conn)?;
            }
            diesel::update(orders::table.find(order_id)).set(orders::total_cents.eq(total)).execute(conn)?;
            order_ids.push(order_id);
        }

        let mut driver_ids = Vec::new();
        for (n, (name, phone, vehicle, status, lat, lng)) in DRIVERS.iter().enumerate() {
            let seen = at - Duration::minutes(2 + 9 * n as i64);
            let id: i64 = diesel::insert_into(drivers::table)
                .values((
                    drivers::name.eq(name),
                    drivers::phone.eq(phone),
                    drivers::vehicle.eq(vehicle),
                    drivers::status.eq(status),
                    drivers::lat.eq(lat),
                    drivers::lng.eq(lng),
                    drivers::location_updated_at.eq(seen),
                    drivers::created_at.eq(at - Duration::days(90)),
                    drivers::updated_at.eq(seen),
                ))
                .returning(drivers::id)
                .get_result(conn)?;
            driver_ids.push(id);
        }

        // Deliveries: by order index, driver index (or unassigned), status.
        let deliveries: &[(usize, Option<usize>, DeliveryStatus)] = &[
            (6, None, DeliveryStatus::Pending),
            (7, Some(2), DeliveryStatus::Assigned),
            (8, Some(0), DeliveryStatus::InTransit),
            (9, Some(1), DeliveryStatus::PickedUp),
            (10, Some(1), DeliveryStatus::InTransit),
            (11, Some(2), DeliveryStatus::Delivered),
            (12, Some(0), DeliveryStatus::Delivered),
        ];
        for &(order, driver, status) in deliveries {
            diesel::insert_into(deliveries::table)
                .values((
                    deliveries::order_id.eq(order_ids[order]),
                    deliveries::driver_id.eq(driver.map(|d| driver_ids[d])),
                    deliveries::status.eq(status),
                    deliveries::address.eq(address_of(ORDERS[order].0)),
                    deliveries::created_at.eq(at - Duration::hours(3)),
                    deliveries::updated_at.eq(at - Duration::hours(1)),
                ))
                .execute(conn)?;
        }

        // Transit batches: code, origin, destination, status, orders.
        let batches: &[(&str, &str, &str, TransitBatchStatus, &[usize])] = &[
            ("TB-2001", "Seattle hub", "Tacoma depot", TransitBatchStatus::Planned, &[4, 5]),
            ("TB-2002", "Seattle hub", "Everett depot", TransitBatchStatus::InTransit, &[8, 9]),
            ("TB-2003", "Tacoma depot", "Seattle hub", TransitBatchStatus::Completed, &[11, 12]),
        ];
        for &(code, origin, destination, status, orders) in batches {
            let initiated = (status != TransitBatchStatus::Planned).then(|| at - Duration::hours(6));
            let completed = (status == TransitBatchStatus::Completed).then(|| at - Duration::hours(2));
            let id: i64 = diesel::insert_into(transit_batches::table)
                .values((
                    transit_batches::code.eq(code),
                    transit_batches::origin.eq(origin),
                    transit_batches::destination.eq(destination),
                    transit_batches::status.eq(status),
                    transit_batches::initiated_at.eq(initiated),
                    transit_batches::completed_at.eq(completed),
                    transit_batches::created_at.eq(at - Duration::days(1)),
                    transit_batches::updated_at.eq(at),
                ))
                .returning(transit_batches::id)
                .get_result(conn)?;
            for &order in orders {
                diesel::insert_into(transit_batch_orders::table)
                    .values((
                        transit_batch_orders::transit_batch_id.eq(id),
                        transit_batch_orders::order_id.eq(order_ids[order]),
                    ))
                    .execute(conn)?;
            }
        }

        let invoices: &[SeedInvoice] = &[
            ("receivable", Some(0), "", 48_000, -10, 20, InvoiceStatus::Open),
            ("receivable", Some(4), "", 27_500, -45, -15, InvoiceStatus::Open),
            ("receivable", Some(7), "", 12_000, -75, -45, InvoiceStatus::Open),
            ("receivable", Some(3), "", 15_000, -100, -70, InvoiceStatus::Open),
            ("receivable", Some(11), "", 18_000, -160, -130, InvoiceStatus::Open),
            ("receivable", Some(10), "", 30_500, -40, -10, InvoiceStatus::Paid),
            ("receivable", Some(2), "", 5_000, 0, 30, InvoiceStatus::Draft),
            ("payable", None, "Cascade Fuel Supply", 86_000, -20, 10, InvoiceStatus::Open),
            ("payable", None, "Puget Fleet Maintenance", 42_300, -50, -20, InvoiceStatus::Open),
            ("payable", None, "Emerald City Office Lease", 250_000, -95, -65, InvoiceStatus::Open),
            ("payable", None, "Northwest Packaging Inc.", 33_900, -30, 0, InvoiceStatus::Paid),
            ("payable", None, "Rainier Insurance", 120_000, -5, 25, InvoiceStatus::Void),
        ];
        for (n, &(kind, customer, supplier, amount, issued, due, status)) in invoices.iter().enumerate() {
            let counterparty = customer.map_or(supplier, |c| CUSTOMERS[c].0);
            let prefix = if kind == "receivable" { "INV" } else { "BILL" };
            diesel::insert_into(invoices::table)
                .values((
                    invoices::number.eq(format!("{prefix}-{:04}", 1001 + n)),
                    invoices::kind.eq(kind),
                    invoices::customer_id.eq(customer.map(|c| customer_ids[c])),
                    invoices::counterparty.eq(counterparty),
                    invoices::amount_cents.eq(amount),
                    invoices::issue_date.eq(today + Duration::days(issued)),
                    invoices::due_date.eq(today + Duration::days(due)),
                    invoices::status.eq(status),
                    invoices::created_at.eq(at),
                    invoices::updated_at.eq(at),
                ))
                .execute(conn)?;
        }

        // Budgets for this month and last, and expenses against them (some over budget).
        let this_month = first_of_month(today);
        let last_month = first_of_month(this_month - Duration::days(1));
        let budgets: &[(&str, i64)] = &[
            ("Fuel", 180_000),
            ("Maintenance", 90_000),
            ("Office", 60_000),
            ("Marketing", 40_000),
            ("Packaging", 25_000),
        ];
        for month in [last_month, this_month] {
            for &(category, amount) in budgets {
                diesel::insert_into(budgets::table)
                    .values((
                        budgets::category.eq(category),
                        budgets::period.eq(month.format("%Y-%m").to_string()),
                        budgets::amount_cents.eq(amount),
                        budgets::created_at.eq(at),
                        budgets::updated_at.eq(at),
                    ))
                    .execute(conn)?;
            }
        }
        let expenses: &[(&str, &str, &str, i64, bool, u32)] = &[
            ("Fuel", "Fleet fuel cards, week 1", "Cascade Fuel Supply", 46_500, false, 3),
            ("Fuel", "Fleet fuel cards, week 2", "Cascade Fuel Supply", 51_200, false, 10),
            ("Fuel", "Fleet fuel cards, week 3", "Cascade Fuel Supply", 49_900, false, 17),
            ("Fuel", "Fleet fuel cards, week 4", "Cascade Fuel Supply", 55_300, false, 24),
            ("Maintenance", "Van WA-4412 brake service", "Puget Fleet Maintenance", 42_300, false, 8),
            ("Office", "Printer toner and paper", "Office Depot", 8_900, false, 5),
            ("Marketing", "Local radio spot", "KXSB Radio", 35_000, false, 12),
            ("Packaging", "Box restock", "Northwest Packaging Inc.", 33_900, false, 20),
            ("Fuel", "Fleet fuel cards, week 1", "Cascade Fuel Supply", 47_800, true, 1),
            ("Maintenance", "Tyres for box truck", "Puget Fleet Maintenance", 96_000, true, 1),
            ("Office", "Coffee and supplies", "Blue Harbor Cafe", 4_200, true, 1),
            ("Marketing", "Flyers", "Pixel Forge Studio", 12_500, true, 1),
        ];
        let accountant: i64 =
            employees::table.filter(employees::role.eq("accountant")).select(employees::id).first(conn)?;
        for &(category, description, vendor, amount, current, day) in expenses {
            let month = if current { this_month } else { last_month };
            let date = month.with_day(day).unwrap_or(month).min(today);
            diesel::insert_into(expenses::table)
                .values((
                    expenses::category.eq(category),
                    expenses::description.eq(description),
                    expenses::vendor.eq(vendor),
                    expenses::amount_cents.eq(amount),
                    expenses::expense_date.eq(date),
                    expenses::employee_id.eq(Some(accountant)),
                    expenses::created_at.eq(at),
                    expenses::updated_at.eq(at),
                ))
                .execute(conn)?;
        }

        let segments_changed = customer::recompute_segments(conn)?.len();
        Ok(Some(format!(
            "{} employees, {} customers ({segments_changed} segmented), {} services, {} products, {} orders, \
             {} drivers, {} deliveries, {} transit batches, {} invoices, {} budgets, {} expenses",
            EMPLOYEES.len(),
            CUSTOMERS.len(),
            SERVICES.len(),
            PRODUCTS.len(),
            ORDERS.len(),
            DRIVERS.len(),
            deliveries.len(),
            batches.len(),
            invoices.len(),
            budgets.len() * 2,
            expenses.len(),
        )))
    })
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("every month has a first day")
}
