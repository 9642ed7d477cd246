//! `#[collection]`: a collection's fields declared once, on its record.
//!
//! ```ignore
//! #[collection(entity = Customer, table = customers, display = name)]
//! pub struct Customer {
//!     #[field(text, sortable, searchable)]
//!     pub name: String,
//!     #[field(one_of = SEGMENTS, server, sortable, filter)]
//!     pub segment: String,
//! }
//! ```
//!
//! makes the record (with `id` first and `created_at`, `updated_at`, `version` last), its create
//! form `NewCustomer` and its change form `CustomerChanges` with their checks, the list filter
//! `CustomerFilter` and its query (`filtered`), the sort and sum columns, `list_rows`, `find_row`
//! and `DECLARATION`, the fields as the catalogue serves them. docs/architecture.md lists the
//! options.

mod declaration;
mod forms;
mod queries;

use proc_macro::TokenStream;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Data, DeriveInput, Fields};

use declaration::{Collection, Field, Kind, Writable};

#[proc_macro_attribute]
pub fn collection(args: TokenStream, item: TokenStream) -> TokenStream {
    let input = parse_macro_input!(item as DeriveInput);
    match expand(args.into(), input) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

fn expand(args: proc_macro2::TokenStream, input: DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let collection = Collection::parse(args)?;
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(&input, "#[collection] goes on a struct"));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(&input, "#[collection] needs named fields"));
    };
    let mut fields = Vec::new();
    for field in &named.named {
        match Field::parse(field)? {
            Some(declared) => fields.push(declared),
            None => return Err(syn::Error::new_spanned(field, "every field needs #[field(…)]")),
        }
    }
    let record = record(&collection, &input, &fields);
    let schemas = enum_schemas(&fields);
    let forms = forms::forms(&collection, &fields);
    let queries = queries::queries(&collection, &fields, &input.ident);
    let declaration = declaration(&collection, &fields);
    let resource = if collection.resource { resource(&collection, &fields, &input.ident) } else { quote!() };
    Ok(quote! {
        #record
        #schemas
        #forms
        #queries
        #declaration
        #resource
    })
}

/// The record as stored and served.
fn record(collection: &Collection, input: &DeriveInput, fields: &[Field]) -> proc_macro2::TokenStream {
    let table = &collection.table;
    let attrs = &input.attrs;
    let vis = &input.vis;
    let name = &input.ident;
    let columns = fields.iter().filter(|field| !field.input).map(|field| {
        let (docs, name, ty) = (&field.docs, &field.name, &field.ty);
        let serde = match (field.kind, field.nullable) {
            (Kind::Timestamp, false) => quote!(#[serde(with = "crate::entities::rfc3339")]),
            (Kind::Timestamp, true) => quote!(#[serde(with = "crate::entities::rfc3339::option")]),
            _ => quote!(),
        };
        let schema = match field.kind {
            Kind::Enum => {
                let with = format_ident!("__{}_value", field.name);
                quote!(#[schema(schema_with = #with)])
            }
            _ => quote!(),
        };
        quote! { #(#docs)* #serde #schema pub #name: #ty, }
    });
    quote! {
        #(#attrs)*
        #[derive(Debug, Clone, serde::Serialize, diesel::Queryable, diesel::QueryableByName, diesel::Selectable, utoipa::ToSchema)]
        #[diesel(table_name = #table)]
        #vis struct #name {
            pub id: i64,
            #(#columns)*
            #[serde(with = "crate::entities::rfc3339")]
            pub created_at: chrono::NaiveDateTime,
            #[serde(with = "crate::entities::rfc3339")]
            pub updated_at: chrono::NaiveDateTime,
            /// Raised by one on every change; send it back as `If-Match` to change what you saw.
            pub version: i64,
        }
    }
}

/// The OpenAPI schemas of each enum field: a value, a value or null, and as a list filter takes it.
fn enum_schemas(fields: &[Field]) -> proc_macro2::TokenStream {
    let schemas = fields.iter().filter(|field| field.kind == Kind::Enum).map(|field| {
        let values = field.values.as_ref().expect("an enum has values");
        let (value, nullable, filter) = (
            format_ident!("__{}_value", field.name),
            format_ident!("__{}_nullable", field.name),
            format_ident!("__{}_filter", field.name),
        );
        let label = &field.label;
        let filter_doc = format!("Only records with this {}", field.name.to_string().replace('_', " "));
        quote! {
            fn #value() -> utoipa::openapi::schema::Object {
                crate::entities::schemas::one_of(#values, false, #label)
            }
            #[allow(dead_code)]
            fn #nullable() -> utoipa::openapi::schema::Object {
                crate::entities::schemas::one_of(#values, true, #label)
            }
            #[allow(dead_code)]
            fn #filter() -> utoipa::openapi::schema::Object {
                crate::entities::schemas::one_of(#values, false, #filter_doc)
            }
        }
    });
    quote!(#(#schemas)*)
}

/// `#[collection(resource)]`: the `impl Resource` of a collection with no rules of its own: the
/// declaration's checks, then the write.
fn resource(collection: &Collection, fields: &[Field], record: &syn::Ident) -> proc_macro2::TokenStream {
    let (entity, table) = (&collection.entity, &collection.table);
    let (new, changes, filter) =
        (format_ident!("New{}", entity), format_ident!("{}Changes", entity), format_ident!("{}Filter", entity));
    let sums = if fields.iter().any(|field| field.summed) {
        quote! {
            fn sums(
                conn: &mut crate::db::AnyConnection,
                filter: &#filter,
                page: &crate::entities::Page,
            ) -> Result<crate::entities::Sums, crate::error::ApiError> {
                sum_rows(conn, filter, page)
            }
        }
    } else {
        quote!()
    };
    quote! {
        impl crate::entities::Resource for #record {
            const ENTITY: crate::domain::Entity = crate::domain::Entity::#entity;
            const DECLARATION: crate::domain::fields::Declaration = DECLARATION;
            type New = #new;
            type Changes = #changes;
            type Filter = #filter;

            fn id(&self) -> i64 {
                self.id
            }

            fn version(&self) -> i64 {
                self.version
            }

            fn list(
                conn: &mut crate::db::AnyConnection,
                filter: &#filter,
                page: crate::entities::Page,
            ) -> Result<(Vec<Self>, Option<i64>), crate::error::ApiError> {
                list_rows(conn, filter, page)
            }

            #sums

            fn find(conn: &mut crate::db::AnyConnection, id: i64) -> Result<Self, crate::error::ApiError> {
                find_row(conn, id)
            }

            fn create(conn: &mut crate::db::AnyConnection, new: #new) -> Result<Self, crate::error::ApiError> {
                use diesel::prelude::*;
                let mut check = crate::entities::Check::new();
                new.check(conn, &mut check)?;
                check.finish()?;
                let at = crate::entities::now();
                let id = diesel::insert_into(#table::table)
                    .values((new, #table::created_at.eq(at), #table::updated_at.eq(at)))
                    .returning(#table::id)
                    .get_result(conn)?;
                Self::find(conn, id)
            }

            fn update(
                conn: &mut crate::db::AnyConnection,
                current: Self,
                changes: #changes,
            ) -> Result<Self, crate::error::ApiError> {
                use diesel::prelude::*;
                let mut check = crate::entities::Check::new();
                changes.check(conn, &mut check)?;
                check.finish()?;
                diesel::update(#table::table.find(current.id))
                    .set((changes, crate::entities::touched!(#table)))
                    .execute(conn)?;
                Self::find(conn, current.id)
            }

            fn delete(conn: &mut crate::db::AnyConnection, id: i64) -> Result<(), crate::error::ApiError> {
                use diesel::prelude::*;
                crate::entities::delete_by_id!(conn, #table::table, crate::domain::Entity::#entity, id)
            }
        }
    }
}

/// `DECLARATION`: the fields as the catalogue serves them.
fn declaration(collection: &Collection, fields: &[Field]) -> proc_macro2::TokenStream {
    let display = match &collection.display {
        Some(display) => {
            let display = display.to_string();
            quote!(Some(#display))
        }
        None => quote!(None),
    };
    let range = collection.range.as_ref().map(ToString::to_string);
    let filtered_by_range = |name: &str| range.as_deref() == Some(name);
    let entries = fields.iter().map(|field| {
        let name = field.name.to_string();
        let label = &field.label;
        let kind = field.kind.variant();
        let required = field.required();
        let nullable = field.nullable;
        let writable = match field.writable {
            Writable::Always => quote!(Always),
            Writable::Create => quote!(Create),
            Writable::Never => quote!(Never),
        };
        let default = match &field.default {
            Some(syn::Lit::Str(text)) => quote!(Some(crate::domain::fields::Value::Text(#text))),
            Some(syn::Lit::Bool(value)) => quote!(Some(crate::domain::fields::Value::Boolean(#value))),
            Some(syn::Lit::Int(value)) => quote!(Some(crate::domain::fields::Value::Integer(#value))),
            _ => quote!(None),
        };
        let max_length = match (&field.max, field.kind.is_text()) {
            (Some(max), true) => quote!(Some(#max)),
            _ => quote!(None),
        };
        let maximum = match (&field.max, field.kind.is_text()) {
            (Some(max), false) => quote!(Some(#max)),
            _ => quote!(None),
        };
        let minimum = match &field.min {
            Some(min) => quote!(Some(#min)),
            None => quote!(None),
        };
        let values = match &field.values {
            Some(values) => quote!(Some(#values)),
            None => quote!(None),
        };
        let references = match &field.reference {
            Some(entity) => quote!(Some(crate::domain::Entity::#entity)),
            None => quote!(None),
        };
        let filter = if filtered_by_range(&name) {
            quote!(Some(crate::domain::fields::FilterKind::Range))
        } else if field.filter {
            quote!(Some(crate::domain::fields::FilterKind::Eq))
        } else {
            quote!(None)
        };
        let (sortable, searchable, summed) = (field.sortable, field.searchable, field.summed);
        quote! {
            crate::domain::fields::Field {
                name: #name,
                label: #label,
                kind: crate::domain::fields::Kind::#kind,
                required: #required,
                nullable: #nullable,
                writable: crate::domain::fields::Writable::#writable,
                default: #default,
                max_length: #max_length,
                minimum: #minimum,
                maximum: #maximum,
                values: #values,
                references: #references,
                sortable: #sortable,
                filter: #filter,
                searchable: #searchable,
                summed: #summed,
            },
        }
    });
    let stamp = |name: &str, label: &str, kind: proc_macro2::TokenStream| {
        let filter =
            if filtered_by_range(name) { quote!(Some(crate::domain::fields::FilterKind::Range)) } else { quote!(None) };
        let sortable = name != "version";
        quote! {
            crate::domain::fields::Field {
                name: #name,
                label: #label,
                kind: crate::domain::fields::Kind::#kind,
                required: false,
                nullable: false,
                writable: crate::domain::fields::Writable::Never,
                default: None,
                max_length: None,
                minimum: None,
                maximum: None,
                values: None,
                references: None,
                sortable: #sortable,
                filter: #filter,
                searchable: false,
                summed: false,
            },
        }
    };
    let id = stamp("id", "Number", quote!(Id));
    let created = stamp("created_at", "Created", quote!(Timestamp));
    let updated = stamp("updated_at", "Updated", quote!(Timestamp));
    let version = stamp("version", "Version", quote!(Integer));
    let specials = collection.filters.iter().map(|special| {
        let name = special.name.to_string();
        let label = &special.label;
        let ty = &special.ty;
        let is_bool = matches!(ty, syn::Type::Path(path) if path.path.is_ident("bool"));
        let (kind, values) =
            if is_bool { (quote!(Boolean), quote!(None)) } else { (quote!(Enum), quote!(Some(<#ty>::NAMES))) };
        quote! {
            crate::domain::fields::SpecialFilter {
                name: #name,
                label: #label,
                kind: crate::domain::fields::Kind::#kind,
                values: #values,
            },
        }
    });
    quote! {
        /// This collection's fields, as `#[collection]` declares them.
        pub const DECLARATION: crate::domain::fields::Declaration = crate::domain::fields::Declaration {
            display: #display,
            fields: &[#id #(#entries)* #created #updated #version],
            filters: &[#(#specials)*],
        };
    }
}
