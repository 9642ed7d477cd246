//! A collection's list: its filter (`…Filter`, the query parameters), the query they make
//! (`filtered`), the sort and sum columns, and `list_rows`, `sum_rows`, `find_row`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::declaration::{table_of, Collection, Field, Kind};

pub fn queries(collection: &Collection, fields: &[Field], record: &Ident) -> TokenStream {
    let entity = &collection.entity;
    let table = &collection.table;
    let filter_name = format_ident!("{}Filter", entity);
    let searchable: Vec<&Field> = fields.iter().filter(|field| field.searchable).collect();
    let numbered = collection.display.is_none() || collection.number.is_some();

    let mut params = Vec::new();
    let mut applied = Vec::new();
    let mut checked = Vec::new();
    if !searchable.is_empty() || numbered {
        let mut looked: Vec<String> = searchable.iter().map(|field| lowered(&field.label)).collect();
        if numbered {
            let whose = match &collection.number {
                Some(number) => fields
                    .iter()
                    .find(|field| field.name == *number)
                    .map(|field| format!("the {}'s number", lowered(&field.label)))
                    .unwrap_or_else(|| "the number".to_owned()),
                None => "the number".to_owned(),
            };
            looked.insert(0, format!("{whose} (`42` or `#42`)"));
        }
        let doc = format!("Searches {}.", looked.join(", "));
        params.push(quote!(#[doc = #doc] pub q: Option<String>,));
        applied.push(search(collection, &searchable));
    }
    for field in fields.iter().filter(|field| field.filter) {
        let name = &field.name;
        let doc = format!("Only records with this {}.", lowered(&field.label));
        let (param, ty) = match field.kind {
            Kind::Enum => {
                let with = format_ident!("__{}_filter", field.name);
                let values = field.values.as_ref().expect("an enum has values");
                let name_text = name.to_string();
                checked.push(quote!(crate::entities::check_filter(#name_text, self.#name.as_deref(), #values)?;));
                (quote!(#[param(schema_with = #with)]), quote!(String))
            }
            _ => {
                let inner = &field.inner;
                (quote!(), quote!(#inner))
            }
        };
        if field.kind == Kind::Month {
            let name_text = name.to_string();
            checked.push(quote!(crate::entities::check_month_filter(#name_text, self.#name.as_deref())?;));
        }
        params.push(quote!(#[doc = #doc] #param pub #name: Option<#ty>,));
        applied.push(if field.any_case {
            // Lowered by the database on both sides (SQLite folds only A–Z, PostgreSQL every
            // letter), so the exact spelling always matches.
            quote! {
                if let Some(value) = filter.#name.as_deref().map(str::trim).filter(|value| !value.is_empty()) {
                    query = query.filter(crate::entities::lower(#table::#name).eq(crate::entities::lower(value.to_owned())));
                }
            }
        } else {
            quote! {
                if let Some(value) = &filter.#name {
                    query = query.filter(#table::#name.eq(value));
                }
            }
        });
    }
    if let Some(range) = &collection.range {
        params.push(quote! {
            /// On or after this day (UTC).
            #[param(value_type = Option<String>, format = Date)]
            pub from: Option<crate::entities::Day>,
            /// On or before this day (UTC).
            #[param(value_type = Option<String>, format = Date)]
            pub to: Option<crate::entities::Day>,
        });
        let timestamp = range == "created_at"
            || range == "updated_at"
            || fields.iter().any(|field| field.name == *range && field.kind == Kind::Timestamp);
        applied.push(if timestamp {
            quote! {
                if let Some(from) = filter.from {
                    query = query.filter(#table::#range.ge(from.date().and_time(chrono::NaiveTime::MIN)));
                }
                // Up to the next midnight; `to` = 9999-12-31 has none in range (and SQLite would
                // compare the text "+10000-…" below every date), so it filters nothing.
                let next = filter.to.and_then(|to| to.date().checked_add_days(chrono::Days::new(1)));
                if let Some(to) = next.and_then(crate::entities::Day::new) {
                    query = query.filter(#table::#range.lt(to.date().and_time(chrono::NaiveTime::MIN)));
                }
            }
        } else {
            quote! {
                if let Some(from) = filter.from {
                    query = query.filter(#table::#range.ge(from.date()));
                }
                if let Some(to) = filter.to {
                    query = query.filter(#table::#range.le(to.date()));
                }
            }
        });
    }
    for special in &collection.filters {
        let (name, ty, label) = (&special.name, &special.ty, &special.label);
        params.push(quote!(#[doc = #label] pub #name: Option<#ty>,));
    }
    let refine = if collection.filters.is_empty() { quote!() } else { quote!(let query = refine(query, filter);) };

    let sortable = fields.iter().filter(|field| field.sortable).map(|field| &field.name);
    let summed: Vec<&Ident> = fields.iter().filter(|field| field.summed).map(|field| &field.name).collect();
    let sums = if summed.is_empty() {
        quote!()
    } else {
        quote! {
            crate::entities::totals::sum_columns!(#table: #(#summed),*);

            /// The declared sums over every record the filter matches.
            fn sum_rows(
                conn: &mut crate::db::AnyConnection,
                filter: &#filter_name,
                page: &crate::entities::Page,
            ) -> Result<crate::entities::totals::Sums, crate::error::ApiError> {
                summed(conn, || filtered(filter), page)
            }
        }
    };

    quote! {
        /// The list's query parameters besides paging and sorting.
        #[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
        pub struct #filter_name {
            #(#params)*
            /// Only this record (a driver's own row): set by the server, never by a query.
            #[serde(skip)]
            #[param(ignore)]
            pub only: Option<i64>,
        }

        impl #filter_name {
            /// A filter naming a value outside its field's values is a 400, not an empty list.
            pub fn check(&self) -> Result<(), crate::error::ApiError> {
                #(#checked)*
                Ok(())
            }
        }

        type Filtered<'a> = #table::BoxedQuery<'a, crate::entities::sorting::Db>;

        /// The records `filter` matches.
        fn filtered(filter: &#filter_name) -> Filtered<'_> {
            use diesel::prelude::*;
            let mut query = #table::table.into_boxed();
            #(#applied)*
            if let Some(id) = filter.only {
                query = query.filter(#table::id.eq(id));
            }
            #refine
            query
        }

        // The sort and sum columns' functions call diesel's methods.
        #[allow(unused_imports)]
        use diesel::prelude::*;

        crate::entities::sorting::sort_columns!(#table: id, #(#sortable,)* created_at, updated_at);

        #sums

        /// One page of the records `filter` matches, with the total when the page asks.
        fn list_rows(
            conn: &mut crate::db::AnyConnection,
            filter: &#filter_name,
            page: crate::entities::Page,
        ) -> Result<(Vec<#record>, Option<i64>), crate::error::ApiError> {
            use diesel::prelude::*;
            filter.check()?;
            Ok(crate::entities::list_page!(conn, || filtered(filter), page, #record::as_select(), table: #table))
        }

        /// The record `id`, or a 404 naming it.
        fn find_row(conn: &mut crate::db::AnyConnection, id: i64) -> Result<#record, crate::error::ApiError> {
            use diesel::prelude::*;
            #table::table
                .find(id)
                .select(#record::as_select())
                .first(conn)
                .map_err(crate::entities::not_found(crate::domain::Entity::#entity, id))
        }
    }
}

/// `?q=`: any searchable text field containing it (ignoring case), any reference whose record's
/// searchable column contains it, or, for a collection known by number, the number it names.
fn search(collection: &Collection, searchable: &[&Field]) -> TokenStream {
    let table = &collection.table;
    let mut terms = Vec::new();
    for field in searchable {
        let name = &field.name;
        let column = if field.nullable { quote!(#table::#name.assume_not_null()) } else { quote!(#table::#name) };
        match (&field.reference, &field.search) {
            (Some(entity), Some(search)) => {
                let other = table_of(entity);
                let id = quote!(crate::db::schema::#other::id);
                // A record without one is no match (`NULL IN (…)` is not true).
                let column =
                    if field.nullable { quote!(#table::#name.assume_not_null()) } else { quote!(#table::#name) };
                terms.push(quote! {
                    terms.push(Box::new(#column.eq_any(
                        crate::db::schema::#other::table
                            .filter(crate::entities::lower(crate::db::schema::#other::#search).like(pattern.clone()).escape('\\'))
                            .select(#id),
                    )));
                });
            }
            _ => terms.push(quote! {
                terms.push(Box::new(crate::entities::lower(#column).like(pattern.clone()).escape('\\')));
            }),
        }
    }
    let number = if collection.display.is_none() || collection.number.is_some() {
        let column = collection.number.clone().unwrap_or_else(|| Ident::new("id", proc_macro2::Span::call_site()));
        quote! {
            if let Some(number) = crate::entities::record_number(q) {
                terms.push(Box::new(#table::#column.eq(number)));
            }
        }
    } else {
        quote!()
    };
    quote! {
        if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
            let pattern = crate::entities::lower(crate::entities::like_pattern(q));
            let mut terms: Vec<
                Box<dyn BoxableExpression<#table::table, crate::entities::sorting::Db, SqlType = diesel::sql_types::Bool>>,
            > = Vec::new();
            #number
            #(#terms)*
            if let Some(any) = terms.into_iter().reduce(|any, term| Box::new(any.or(term))) {
                query = query.filter(any);
            }
        }
    }
}

/// "Customer" → "customer", but "SKU" stays "SKU".
fn lowered(label: &str) -> String {
    if label.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
        label.to_owned()
    } else {
        label.to_lowercase()
    }
}
