//! The create form (`New…`) and the change form (`…Changes`) of a collection, each with the
//! checks its declaration implies (`check`: every problem at once, field by field, as a 422).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::declaration::{Collection, Field, Kind};

pub fn forms(collection: &Collection, fields: &[Field]) -> TokenStream {
    let entity = &collection.entity;
    let table = &collection.table;
    let new_name = format_ident!("New{}", entity);
    let changes_name = format_ident!("{}Changes", entity);
    let defaults = fields.iter().filter_map(default_fn);
    let new_fields = fields.iter().filter(|field| field.in_new()).map(new_field);
    let change_fields = fields.iter().filter(|field| field.in_changes()).map(change_field);
    let new_checks = fields.iter().filter(|field| field.in_new()).map(|field| {
        let name = &field.name;
        let optional = field.nullable || field.filled;
        check(field, quote!(self.#name), optional, false)
    });
    let change_checks = fields.iter().filter(|field| field.in_changes()).map(|field| {
        let name = &field.name;
        check(field, quote!(self.#name), true, field.nullable)
    });
    let new_check = check_impl(&new_name, "What the declaration says of each field", new_checks);
    let changes_check = check_impl(&changes_name, "What the declaration says of each field given", change_checks);
    quote! {
        #(#defaults)*

        /// A new record, as `POST` takes it.
        #[derive(Debug, serde::Deserialize, diesel::Insertable, utoipa::ToSchema)]
        #[diesel(table_name = #table)]
        #[serde(deny_unknown_fields)]
        pub struct #new_name {
            #(#new_fields)*
        }

        /// Changes to a record, as `PATCH` takes them: only the fields given change; `null`
        /// clears an optional one.
        #[derive(Debug, Default, serde::Deserialize, diesel::AsChangeset, utoipa::ToSchema)]
        #[diesel(table_name = #table)]
        #[serde(deny_unknown_fields)]
        pub struct #changes_name {
            #(#change_fields)*
        }

        #new_check
        #changes_check
    }
}

/// `impl #form { fn check }`: `checks`, each field's, in declaration order.
fn check_impl(form: &syn::Ident, what: &str, checks: impl Iterator<Item = TokenStream>) -> TokenStream {
    let doc = format!("{what} (the entity adds its own rules).");
    quote! {
        impl #form {
            #[doc = #doc]
            #[allow(unused_variables)]
            pub fn check(
                &self,
                conn: &mut crate::db::AnyConnection,
                check: &mut crate::entities::Check,
            ) -> Result<(), crate::error::ApiError> {
                #(#checks)*
                Ok(())
            }
        }
    }
}

/// `fn __role_default() -> String` for a field with a default, and `__role_or_default`, which
/// reads a create's `null` as that default.
fn default_fn(field: &Field) -> Option<TokenStream> {
    let default = field.default.as_ref()?;
    let name = format_ident!("__{}_default", field.name);
    let ty = field.form_type();
    let value = match default {
        syn::Lit::Str(text) => quote!(#text.to_owned()),
        other => quote!(#other),
    };
    let or_default = format_ident!("__{}_or_default", field.name);
    Some(quote! {
        fn #name() -> #ty {
            #value
        }

        /// `null` in a create is the default too, as leaving the field out is.
        fn #or_default<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<#ty, D::Error> {
            Ok(<Option<#ty> as serde::Deserialize>::deserialize(deserializer)?.unwrap_or_else(#name))
        }
    })
}

/// The OpenAPI attributes of one value of `field` in a form.
fn schema_attrs(field: &Field, optional: bool) -> TokenStream {
    let mut attrs = Vec::new();
    if field.kind == Kind::Enum {
        let with =
            if optional { format_ident!("__{}_nullable", field.name) } else { format_ident!("__{}_value", field.name) };
        return quote!(#[schema(schema_with = #with)]);
    }
    if field.kind == Kind::Date {
        attrs.push(if optional { quote!(value_type = Option<String>) } else { quote!(value_type = String) });
        attrs.push(quote!(format = Date));
    }
    if field.kind == Kind::Lines {
        attrs.push(quote!(min_items = 1));
    }
    if field.kind == Kind::Email {
        attrs.push(quote!(format = Email));
    }
    if field.kind == Kind::Month {
        attrs.push(quote!(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$"));
    }
    if field.kind.is_text() {
        if let Some(max) = &field.max {
            attrs.push(quote!(max_length = #max));
        }
        if !field.nullable && !matches!(field.kind, Kind::Email | Kind::Month) {
            attrs.push(quote!(pattern = r"\S"));
        }
    } else {
        if let Some(min) = &field.min {
            attrs.push(quote!(minimum = #min));
        }
        if let Some(max) = &field.max {
            attrs.push(quote!(maximum = #max));
        }
    }
    if attrs.is_empty() {
        quote!()
    } else {
        quote!(#[schema(#(#attrs),*)])
    }
}

fn new_field(field: &Field) -> TokenStream {
    let (docs, name) = (&field.docs, &field.name);
    let ty = field.form_type();
    let optional = field.nullable || field.filled;
    // A field with a default takes null for it: its schema says so.
    let schema = schema_attrs(field, optional || field.default.is_some());
    let serde = match &field.default {
        Some(_) => {
            let (default, or_default) = (format!("__{}_default", field.name), format!("__{}_or_default", field.name));
            quote!(#[serde(default = #default, deserialize_with = #or_default)])
        }
        // A list of references left out is none.
        None if field.kind == Kind::References => quote!(#[serde(default)]),
        None => quote!(),
    };
    // A field the entity fills in, or one that is no column, is not inserted as given.
    let skip =
        if field.input || (field.filled && !field.nullable) { quote!(#[diesel(skip_insertion)]) } else { quote!() };
    let null_is_default = if field.default.is_some() && !matches!(field.kind, Kind::Enum | Kind::Date) {
        quote!(#[schema(nullable = true)])
    } else {
        quote!()
    };
    let ty = if optional { quote!(Option<#ty>) } else { ty };
    quote! { #(#docs)* #serde #schema #null_is_default #skip pub #name: #ty, }
}

fn change_field(field: &Field) -> TokenStream {
    let (docs, name) = (&field.docs, &field.name);
    let ty = field.form_type();
    let skip = if field.input { quote!(#[diesel(skip_update)]) } else { quote!() };
    if field.nullable {
        let schema = schema_attrs(field, true);
        quote! {
            #(#docs)*
            #[serde(default, deserialize_with = "crate::entities::nullable")]
            #schema #skip
            pub #name: Option<Option<#ty>>,
        }
    } else {
        let schema = match schema_attrs(field, false) {
            attrs if attrs.is_empty() => quote!(#[schema(nullable = false)]),
            attrs => quote!(#attrs #[schema(nullable = false)]),
        };
        quote! {
            #(#docs)*
            #[serde(default, deserialize_with = "crate::entities::present")]
            #schema #skip
            pub #name: Option<#ty>,
        }
    }
}

/// The checks of one field whose value is `value`: of type `T`, or `Option<T>` when `optional`
/// (`Option<Option<T>>` when also `cleared`, a change that may clear it).
fn check(field: &Field, value: TokenStream, optional: bool, cleared: bool) -> TokenStream {
    let name = field.name.to_string();
    let one = one_value_check(field, &name);
    if one.is_empty() {
        return quote!();
    }
    let unwrap = match (optional, cleared) {
        (false, _) => quote!(let v = &#value; #one),
        (true, false) => quote!(if let Some(v) = &#value { #one }),
        (true, true) => quote!(if let Some(Some(v)) = &#value { #one }),
    };
    quote!({ #unwrap })
}

/// The checks of `v`, a reference to one value of `field`.
fn one_value_check(field: &Field, name: &str) -> TokenStream {
    let mut checks = Vec::new();
    match field.kind {
        Kind::Text | Kind::LongText | Kind::Phone => {
            let max = field.max.as_ref().expect("text has a maximum length");
            if field.nullable {
                checks.push(quote!(check.at_most_chars(#name, v, #max);));
            } else {
                checks.push(quote!(check.text_within(#name, v, #max);));
            }
        }
        Kind::Email => checks.push(quote!(check.email(#name, v);)),
        Kind::Month => checks.push(quote!(check.month(#name, v);)),
        Kind::Enum => {
            let values = field.values.as_ref().expect("an enum has values");
            checks.push(quote!(check.one_of(#name, v, #values);));
        }
        Kind::Money | Kind::Integer => {
            if let Some(min) = &field.min {
                checks.push(quote!(check.at_least(#name, *v, #min);));
            }
            if let Some(max) = &field.max {
                checks.push(quote!(check.at_most(#name, *v, #max);));
            }
        }
        Kind::Reference => {
            let entity = field.reference.as_ref().expect("a reference names its collection");
            checks.push(quote!(check.exists(conn, #name, crate::domain::Entity::#entity, *v)?;));
        }
        Kind::Number | Kind::Boolean | Kind::Date | Kind::Timestamp | Kind::References | Kind::Lines => {}
    }
    quote!(#(#checks)*)
}
