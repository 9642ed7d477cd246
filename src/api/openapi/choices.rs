//! The forms whose required fields depend on one another (`oneOf` / `anyOf`), which the derives
//! cannot state.

use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder, ObjectBuilder, OneOfBuilder, Schema};

use super::doc::Doc;

/// Which fields a form needs depends on which others it has, as its validation says; the derive
/// cannot state that, so this table does: form, whether exactly one alternative holds (`oneOf`)
/// or at least one (`anyOf`), the fields each alternative requires, and a description.
pub(super) const CHOICES: &[(&str, Choice, &[&[&str]], &str)] = &[
    // `resolve_lines` in src/entities/order.rs.
    (
        "NewOrderItem",
        Choice::ExactlyOne,
        &[&["service_id"], &["product_id"], &["description", "unit_price_cents"]],
        "A service's line, a product's line, or a custom line with its own description and unit price",
    ),
    // `Invoice::create` in src/entities/invoice.rs: the counterparty defaults to the customer's name.
    (
        "NewInvoice",
        Choice::AtLeastOne,
        &[&["counterparty"], &["customer_id"]],
        "An invoice names its counterparty, or a customer whose name it takes",
    ),
];

#[derive(Clone, Copy)]
pub(super) enum Choice {
    ExactlyOne,
    AtLeastOne,
}

/// Applies `CHOICES`; a form it names that the document does not have is a problem.
pub(super) fn with_choices(doc: &mut Doc, problems: &mut Vec<String>) {
    for (form, choice, alternatives, description) in CHOICES {
        let alternatives = alternatives
            .iter()
            .map(|fields| fields.iter().fold(ObjectBuilder::new(), |object, field| object.required(*field)).build());
        let rule: Schema = match choice {
            Choice::ExactlyOne => alternatives.fold(OneOfBuilder::new(), OneOfBuilder::item).into(),
            Choice::AtLeastOne => alternatives.fold(AnyOfBuilder::new(), AnyOfBuilder::item).into(),
        };
        let mut found = false;
        // Each form that uses it registered it: change every copy.
        for (_, schema) in doc.schemas.iter_mut().filter(|(name, _)| name == form) {
            found = true;
            *schema =
                AllOfBuilder::new().item(schema.clone()).item(rule.clone()).description(Some(*description)).into();
        }
        if !found {
            problems.push(format!("CHOICES names {form}, which no documented operation uses"));
        }
    }
}
