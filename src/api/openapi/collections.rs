//! The operations of every collection (`each_resource`, as the router registers them),
//! with the records', forms' and filters' own schemas and the list's paging, sorting and sums.

use utoipa::openapi::path::{OperationBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, SchemaType, Type};
use utoipa::openapi::{Required, ResponseBuilder};
use utoipa::IntoParams;

use crate::api::collections::ResourceVisitor;
use crate::entities::Resource;

use super::doc::{id_parameter, if_match_parameter, integer_from, json, query_parameter, with_errors, Doc};

/// The list answer's `sums`: each of the collection's summed money fields, in cents.
fn sums_schema(summed: &[&str]) -> ObjectBuilder {
    summed
        .iter()
        .fold(ObjectBuilder::new(), |object, field| {
            object
                .property(
                    *field,
                    ObjectBuilder::new()
                        .schema_type(SchemaType::new(Type::Integer))
                        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64))),
                )
                .required(*field)
        })
        .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
        .description(Some(
            "Its money fields (cents) added up over every record that matches the filters, not just this \
             page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a \
             collection without money",
        ))
}

impl ResourceVisitor for Doc {
    fn visit<R: Resource>(&mut self) {
        let collection = R::ENTITY.collection();
        let singular = R::ENTITY.singular().replace('_', " ");
        let a = if singular.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
        let record = self.schema::<R>();
        let event = super::frames::event_schema(self, R::ENTITY, &<R as utoipa::ToSchema>::name(), record.clone());
        self.events.push(event);
        let new = self.schema::<R::New>();
        let changes = self.schema::<R::Changes>();
        let list_path = format!("/api/{collection}");
        let item_path = format!("/api/{collection}/{{id}}");
        let page = ObjectBuilder::new()
            .property("items", ArrayBuilder::new().items(record.clone()))
            .required("items")
            .property(
                "total",
                ObjectBuilder::new()
                    .schema_type(SchemaType::from_iter([Type::Integer, Type::Null]))
                    .description(Some("How many match in all; null on an `after` page without `count=exact`")),
            )
            .required("total")
            .property("sums", sums_schema(&R::DECLARATION.summed().map(|field| field.name).collect::<Vec<_>>()))
            .required("sums")
            .property("limit", ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)))
            .required("limit")
            .property("offset", ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)))
            .required("offset")
            .property("after", ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)))
            .property(
                "next_after",
                ObjectBuilder::new()
                    .schema_type(SchemaType::from_iter([Type::Integer, Type::Null]))
                    .description(Some("The `after` of the next page; null on the last one")),
            )
            .required("next_after");

        let list = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("list_{}", R::ENTITY.singular())))
            .summary(Some(format!(
                "List {collection} (newest first unless `sort` says; limit defaults to 50, at most 500)"
            )))
            .parameter(query_parameter("limit", "Page size (default 50); above 500 counts as 500", integer_from(1)))
            .parameter(query_parameter("offset", "Records to skip (not with `after`)", integer_from(0)))
            .parameter(query_parameter(
                "after",
                "Keyset paging: the records listed after the one with this id (the previous page's \
                 `next_after`); as fast deep in the list as at its start",
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::Integer))
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                    .build(),
            ))
            .parameter(query_parameter(
                "count",
                "`exact`: count every match for `total` (the default on offset pages)",
                ObjectBuilder::new().schema_type(SchemaType::new(Type::String)).enum_values(Some(["exact"])).build(),
            ))
            .parameter(query_parameter(
                "ids",
                "Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the \
                 records on a screen in one request",
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::String))
                    .pattern(Some(r"^[0-9]+(,[0-9]+)*$"))
                    .build(),
            ))
            .parameter(query_parameter(
                "sort",
                "Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; \
                 records without a value last either way); `after` then continues in this order",
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::String))
                    .enum_values(Some(R::DECLARATION.sort_values()))
                    .build(),
            ))
            .parameter(query_parameter(
                "format",
                "`csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` \
                 start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page",
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::String))
                    .enum_values(Some(["json", "csv"]))
                    .build(),
            ))
            .parameters(Some(R::Filter::into_params(|| Some(ParameterIn::Query))))
            .response(
                "200",
                ResponseBuilder::new()
                    .description(
                        "One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, \
                         streamed): a header row of `id`, the collection's fields in declaration order and \
                         `created_at`, `updated_at`, `version`, then one row per record; money as decimal units \
                         (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; \
                         Content-Disposition names the file",
                    )
                    .content("application/json", json(page))
                    .content(
                        "text/csv",
                        utoipa::openapi::ContentBuilder::new()
                            .schema(Some(ObjectBuilder::new().schema_type(SchemaType::new(Type::String))))
                            .build(),
                    ),
            );
        self.add("GET", &list_path, with_errors(list, &[400]));

        let create = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("create_{}", R::ENTITY.singular())))
            .summary(Some(format!("Create {a} {singular}; emits {}_created", R::ENTITY.singular())))
            .request_body(Some(
                RequestBodyBuilder::new().content("application/json", json(new)).required(Some(Required::True)).build(),
            ))
            .response(
                "201",
                ResponseBuilder::new()
                    .description("Created; Location names it, ETag is its version")
                    .content("application/json", json(record.clone())),
            );
        self.add("POST", &list_path, with_errors(create, &[400, 409, 413, 415, 422]));

        let get = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("get_{}", R::ENTITY.singular())))
            .summary(Some(format!("One {singular}")))
            .parameter(id_parameter())
            .response(
                "200",
                ResponseBuilder::new()
                    .description("The record; ETag is its version")
                    .content("application/json", json(record.clone())),
            );
        self.add("GET", &item_path, with_errors(get, &[404]));

        let update = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("update_{}", R::ENTITY.singular())))
            .summary(Some(format!("Change some fields of {a} {singular}; emits {}_updated", R::ENTITY.singular())))
            .parameter(id_parameter())
            .parameter(if_match_parameter())
            .request_body(Some(
                RequestBodyBuilder::new()
                    .content("application/json", json(changes))
                    .required(Some(Required::True))
                    .build(),
            ))
            .response(
                "200",
                ResponseBuilder::new().description("The changed record").content("application/json", json(record)),
            );
        self.add("PATCH", &item_path, with_errors(update, &[400, 404, 409, 412, 413, 415, 422]));

        let delete = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("delete_{}", R::ENTITY.singular())))
            .summary(Some(format!("Delete {a} {singular}; emits {}_deleted", R::ENTITY.singular())))
            .parameter(id_parameter())
            .parameter(if_match_parameter())
            .response("204", ResponseBuilder::new().description("Deleted"));
        self.add("DELETE", &item_path, with_errors(delete, &[404, 409, 412]));

        let history = OperationBuilder::new()
            .tag(collection)
            .operation_id(Some(format!("history_of_{}", R::ENTITY.singular())))
            .summary(Some(format!(
                "Who changed {a} {singular}, when, and each field before and after (newest first; a deleted \
                 record's history stays)"
            )))
            .parameter(id_parameter())
            .parameters(Some(crate::entities::audit::EntryPage::into_params(|| Some(ParameterIn::Query))))
            .response(
                "200",
                ResponseBuilder::new()
                    .description("One page of the record's audit entries")
                    .content("application/json", json(self.schema::<crate::entities::audit::Entries>())),
            );
        self.add("GET", &format!("{item_path}/history"), with_errors(history, &[400, 404]));
    }
}
