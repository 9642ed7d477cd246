export interface paths {
    "/api/accounts-payable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open payables: totals, overdue, aging buckets, the open invoices */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountsSummary"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts-receivable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open receivables: totals, overdue, aging buckets, the open invoices */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountsSummary"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first: who changed which record, when, and each field before and after */
        get: {
            parameters: {
                query?: {
                    /** @description The previous page's `next_after`: the entries older than that one */
                    after?: number;
                    /** @description Only records of this collection */
                    collection?: "orders" | "customers" | "employees" | "services" | "products" | "invoices" | "expenses" | "budgets" | "drivers" | "deliveries" | "transit-batches";
                    /** @description Only changes on or after this day (UTC) */
                    from?: string;
                    /** @description Entries on the page (default 50, at most 500) */
                    limit?: number;
                    /** @description Only this record (with `collection`) */
                    record?: number;
                    /** @description Only changes on or before this day (UTC) */
                    to?: string;
                    /** @description Only changes made with this token (or browser sessions made from it) */
                    token_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Entries"];
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/budget-vs-actual": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per budget: budgeted, actual from expenses in its category and month, variance (?period=YYYY-MM) */
        get: {
            parameters: {
                query?: {
                    /** @description Only the budgets of this month; 400 `bad_query` otherwise */
                    period?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BudgetVsActual"];
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List budgets (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_budget"];
        put?: never;
        /** Create a budget; emits budget_created */
        post: operations["create_budget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/budgets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One budget */
        get: operations["get_budget"];
        put?: never;
        post?: never;
        /** Delete a budget; emits budget_deleted */
        delete: operations["delete_budget"];
        options?: never;
        head?: never;
        /** Change some fields of a budget; emits budget_updated */
        patch: operations["update_budget"];
        trace?: never;
    };
    "/api/budgets/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed a budget, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_budget"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalogue: collections, actions, views, each role's grants and the query keys events invalidate */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Catalog"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List customers (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_customer"];
        put?: never;
        /** Create a customer; emits customer_created */
        post: operations["create_customer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer */
        get: operations["get_customer"];
        put?: never;
        post?: never;
        /** Delete a customer; emits customer_deleted */
        delete: operations["delete_customer"];
        options?: never;
        head?: never;
        /** Change some fields of a customer; emits customer_updated */
        patch: operations["update_customer"];
        trace?: never;
    };
    "/api/customers/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed a customer, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_customer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/customers/segments/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-derive every customer's segment from their orders; emits customer_segments_updated with the changed ids */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SegmentsRecomputed"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List deliveries (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_delivery"];
        put?: never;
        /** Create a delivery; emits delivery_created */
        post: operations["create_delivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery */
        get: operations["get_delivery"];
        put?: never;
        post?: never;
        /** Delete a delivery; emits delivery_deleted */
        delete: operations["delete_delivery"];
        options?: never;
        head?: never;
        /** Change some fields of a delivery; emits delivery_updated */
        patch: operations["update_delivery"];
        trace?: never;
    };
    "/api/deliveries/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign (or reassign) a delivery's driver; emits delivery_driver_assigned */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version (ETag) the change is based on; 412 if the record changed since */
                    "If-Match"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AssignForm"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Delivery"];
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No such record or route (`not_found`) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description If-Match names a version that is no longer current (`precondition_failed`) */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deliveries/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed a delivery, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_delivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deliveries/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a delivery through its states; emits delivery_status_updated */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version (ETag) the change is based on; 412 if the record changed since */
                    "If-Match"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeliveryStatusForm"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Delivery"];
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No such record or route (`not_found`) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description If-Match names a version that is no longer current (`precondition_failed`) */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deliveries/bulk/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign one driver to up to 500 deliveries in one transaction, all or none: 409 `bulk_refused` names every delivery that cannot (details.ids, details.reasons); emits delivery_driver_assigned for each */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DeliveriesBulkAssign"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Delivery"][];
                        };
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document as a browsable page */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drivers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List drivers (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_driver"];
        put?: never;
        /** Create a driver; emits driver_created */
        post: operations["create_driver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drivers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One driver */
        get: operations["get_driver"];
        put?: never;
        post?: never;
        /** Delete a driver; emits driver_deleted */
        delete: operations["delete_driver"];
        options?: never;
        head?: never;
        /** Change some fields of a driver; emits driver_updated */
        patch: operations["update_driver"];
        trace?: never;
    };
    "/api/drivers/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed a driver, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_driver"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drivers/{id}/location": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a driver's position; emits driver_location_updated */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version (ETag) the change is based on; 412 if the record changed since */
                    "If-Match"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LocationForm"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Driver"];
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No such record or route (`not_found`) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description If-Match names a version that is no longer current (`precondition_failed`) */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drivers/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a driver's status (offline, available, on_delivery, on_break); emits driver_status_updated */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version (ETag) the change is based on; 412 if the record changed since */
                    "If-Match"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DriverStatusForm"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Driver"];
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No such record or route (`not_found`) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description If-Match names a version that is no longer current (`precondition_failed`) */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/employees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List employees (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_employee"];
        put?: never;
        /** Create an employee; emits employee_created */
        post: operations["create_employee"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/employees/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One employee */
        get: operations["get_employee"];
        put?: never;
        post?: never;
        /** Delete an employee; emits employee_deleted */
        delete: operations["delete_employee"];
        options?: never;
        head?: never;
        /** Change some fields of an employee; emits employee_updated */
        patch: operations["update_employee"];
        trace?: never;
    };
    "/api/employees/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed an employee, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_employee"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List expenses (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_expense"];
        put?: never;
        /** Create an expense; emits expense_created */
        post: operations["create_expense"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/expenses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One expense */
        get: operations["get_expense"];
        put?: never;
        post?: never;
        /** Delete an expense; emits expense_deleted */
        delete: operations["delete_expense"];
        options?: never;
        head?: never;
        /** Change some fields of an expense; emits expense_updated */
        patch: operations["update_expense"];
        trace?: never;
    };
    "/api/expenses/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed an expense, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_expense"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every product with its stock value and stock status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["InventoryItem"][];
                        };
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory-kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SKU count, units, stock value, low-stock and out-of-stock counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InventoryKpis"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List invoices (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_invoice"];
        put?: never;
        /** Create an invoice; emits invoice_created */
        post: operations["create_invoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One invoice */
        get: operations["get_invoice"];
        put?: never;
        post?: never;
        /** Delete an invoice; emits invoice_deleted */
        delete: operations["delete_invoice"];
        options?: never;
        head?: never;
        /** Change some fields of an invoice; emits invoice_updated */
        patch: operations["update_invoice"];
        trace?: never;
    };
    "/api/invoices/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed an invoice, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_invoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invoices/bulk/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set the status of up to 500 invoices (e.g. paid) in one transaction, all or none: 409 `bulk_refused` names every invoice that cannot (details.ids, details.reasons); emits invoice_updated for each */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InvoicesBulkStatus"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Invoice"][];
                        };
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/live-tracking-drivers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Drivers on shift with their last position */
        get: {
            parameters: {
                query?: {
                    /** @description Only drivers with this status; without it, every driver who is not offline */
                    status?: "offline" | "available" | "on_delivery" | "on_break";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["TrackedDriver"][];
                        };
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/live-tracking-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orders out for delivery with their driver's last position */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["TrackedOrder"][];
                        };
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with an API token: answers the HttpOnly session cookie the web app uses */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginForm"];
                };
            };
            responses: {
                /** @description Logged in; Set-Cookie carries the session */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the browser session (its WebSockets close) and clear the cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Logged out; Set-Cookie clears the session */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the credentials are: token, role, and for drivers the driver */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Principal"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (OpenAPI 3.1) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description This document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List orders (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_order"];
        put?: never;
        /** Create an order; emits order_created */
        post: operations["create_order"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One order */
        get: operations["get_order"];
        put?: never;
        post?: never;
        /** Delete an order; emits order_deleted */
        delete: operations["delete_order"];
        options?: never;
        head?: never;
        /** Change some fields of an order; emits order_updated */
        patch: operations["update_order"];
        trace?: never;
    };
    "/api/orders/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed an order, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_order"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move an order through its states (pending, confirmed, in_progress, ready, out_for_delivery, delivered, cancelled); emits order_status_changed */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version (ETag) the change is based on; 412 if the record changed since */
                    "If-Match"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StatusChange"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No such record or route (`not_found`) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description If-Match names a version that is no longer current (`precondition_failed`) */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/bulk/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move up to 500 orders to one status in one transaction, all or none: 409 `bulk_refused` names every order that cannot (details.ids, details.reasons); emits order_status_changed for each */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OrdersBulkStatus"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Order"][];
                        };
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List products (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_product"];
        put?: never;
        /** Create a product; emits product_created */
        post: operations["create_product"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product */
        get: operations["get_product"];
        put?: never;
        post?: never;
        /** Delete a product; emits product_deleted */
        delete: operations["delete_product"];
        options?: never;
        head?: never;
        /** Change some fields of a product; emits product_updated */
        patch: operations["update_product"];
        trace?: never;
    };
    "/api/products/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed a product, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_product"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/realtime/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The real-time layer's counters: sessions, topics, last delivered seq, slow sessions cut */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RealtimeStats"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List services (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_service"];
        put?: never;
        /** Create a service; emits service_created */
        post: operations["create_service"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One service */
        get: operations["get_service"];
        put?: never;
        post?: never;
        /** Delete a service; emits service_deleted */
        delete: operations["delete_service"];
        options?: never;
        head?: never;
        /** Change some fields of a service; emits service_updated */
        patch: operations["update_service"];
        trace?: never;
    };
    "/api/services/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed a service, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_service"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every API token, never its secret */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Token"][];
                        };
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API token: the answer carries its secret, shown this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewToken"];
                };
            };
            responses: {
                /** @description Created; Location names it */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedToken"];
                    };
                };
                /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body over the configured limit (`payload_too_large`) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Body is not JSON (`unsupported_media_type`) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Validation failed; `details` names each bad field (`validation_failed`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One API token, never its secret */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Token"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No such record or route (`not_found`) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Revoke an API token: its sessions and WebSockets close */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No such record or route (`not_found`) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transit-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List transit-batches (newest first unless `sort` says; limit defaults to 50, at most 500) */
        get: operations["list_transit_batch"];
        put?: never;
        /** Create a transit batch; emits transit_batch_created */
        post: operations["create_transit_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transit-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One transit batch */
        get: operations["get_transit_batch"];
        put?: never;
        post?: never;
        /** Delete a transit batch; emits transit_batch_deleted */
        delete: operations["delete_transit_batch"];
        options?: never;
        head?: never;
        /** Change some fields of a transit batch; emits transit_batch_updated */
        patch: operations["update_transit_batch"];
        trace?: never;
    };
    "/api/transit-batches/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a batch in transit as arrived; emits transit_batch_completed */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version (ETag) the change is based on; 412 if the record changed since */
                    "If-Match"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TransitBatch"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No such record or route (`not_found`) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description If-Match names a version that is no longer current (`precondition_failed`) */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transit-batches/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed a transit batch, when, and each field before and after (newest first; a deleted record's history stays) */
        get: operations["history_of_transit_batch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/transit-batches/{id}/initiate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a planned batch on its way; emits transit_batch_initiated */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version (ETag) the change is based on; 412 if the record changed since */
                    "If-Match"?: string;
                };
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TransitBatch"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description No such record or route (`not_found`) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description If-Match names a version that is no longer current (`precondition_failed`) */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ws-ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time ticket for /ws?ticket=…, for WebSocket clients that can send neither headers nor cookies */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ticket"];
                    };
                };
                /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The caller's role may not do this (`forbidden`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description An unexpected failure, logged on the server (`internal`) */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
                /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorBody"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description `GET /api/accounts-receivable` and `GET /api/accounts-payable`. */
        AccountsSummary: {
            aging: components["schemas"]["Aging"];
            /**
             * Format: date
             * @description The day the aging is measured on (UTC).
             */
            as_of: string;
            /** @description The open invoices, oldest due date first. */
            invoices: components["schemas"]["Invoice"][];
            /** @description receivable or payable. */
            kind: string;
            /** Format: int64 */
            open_count: number;
            /** Format: int64 */
            open_total_cents: number;
            /** Format: int64 */
            overdue_count: number;
            /** Format: int64 */
            overdue_total_cents: number;
        };
        ActionEntry: {
            collection: string;
            event: string;
            method: string;
            name: string;
            path: string;
        };
        /** @description Cents of open invoices by how many days past their due date they are. */
        Aging: {
            /**
             * Format: int64
             * @description Not yet due (due today or later).
             */
            current: number;
            /** Format: int64 */
            days_1_30: number;
            /** Format: int64 */
            days_31_60: number;
            /** Format: int64 */
            days_61_90: number;
            /** Format: int64 */
            days_over_90: number;
        };
        /** @description The body of `POST /api/deliveries/{id}/assign`. */
        AssignForm: {
            /** Format: int64 */
            driver_id: number;
        };
        /** @description A budget: how much may be spent on one category in one month. */
        Budget: {
            /** Format: int64 */
            amount_cents: number;
            /** @description Matched without regard to case or surrounding spaces (`category_key`). */
            category: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            /** @description The month, `YYYY-MM`. */
            period: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        BudgetChanges: {
            /** Format: int64 */
            amount_cents?: number;
            /** @description Matched without regard to case or surrounding spaces (`category_key`). */
            category?: string;
            /** @description The month, `YYYY-MM`. */
            period?: string;
        };
        /** @description A change to budgets: `data` is the record as `GET` returns it (for a delete, as it was) */
        BudgetEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["Budget"];
            /** @enum {string} */
            entity: "budgets";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "budget_created" | "budget_updated" | "budget_deleted";
        };
        /** @description One budget set against its month's spending. */
        BudgetLine: {
            /**
             * Format: int64
             * @description Σ the expenses of the same category (in any case) dated in the budget's month.
             */
            actual_cents: number;
            /** Format: int64 */
            budget_id: number;
            /** Format: int64 */
            budgeted_cents: number;
            category: string;
            over_budget: boolean;
            period: string;
            /**
             * Format: double
             * @description `actual / budgeted`; null when nothing is budgeted.
             */
            utilization?: number | null;
            /**
             * Format: int64
             * @description `budgeted_cents − actual_cents`: negative when over budget.
             */
            variance_cents: number;
        };
        BudgetTotals: {
            /** Format: int64 */
            actual_cents: number;
            /** Format: int64 */
            budgeted_cents: number;
            /** Format: int64 */
            variance_cents: number;
        };
        /** @description `GET /api/budget-vs-actual`. */
        BudgetVsActual: {
            items: components["schemas"]["BudgetLine"][];
            totals: components["schemas"]["BudgetTotals"];
        };
        /** @description A bulk action as served: `POST {path}` with `{"ids":[…], …}`; each record's event is `event`. */
        BulkEntry: {
            event: string;
            /** @description At most this many ids. */
            max_ids: number;
            method: string;
            name: string;
            path: string;
        };
        /** @description `GET /api/catalog`: everything above, and what each role may do, as JSON. */
        Catalog: {
            actions: components["schemas"]["ActionEntry"][];
            collections: components["schemas"]["CollectionEntry"][];
            roles: components["schemas"]["RoleEntry"][];
            views: components["schemas"]["ViewEntry"][];
        };
        /** @description One field of a record, before and after a change. */
        Change: {
            after: Record<string, never>;
            before: Record<string, never>;
            field: string;
        };
        ClientFrame: components["schemas"]["SubscribeFrame"] | components["schemas"]["UnsubscribeFrame"] | components["schemas"]["PresenceFrame"] | components["schemas"]["PingFrame"];
        CollectionEntry: {
            /** @description Its bulk actions (`BULK_ACTIONS`): where a list may offer to act on several records. */
            bulk: components["schemas"]["BulkEntry"][];
            /** @description The field that names one of its records; `null` for a collection known by number. */
            display?: string | null;
            /** @description Its events are `{event_prefix}_created`, `…_updated`, … */
            event_prefix: string;
            /** @description Every field its records carry, as its `#[collection]` declares it. */
            fields: components["schemas"]["Field"][];
            /** @description Its list filters that are not one field's. */
            filters: components["schemas"]["SpecialFilter"][];
            /**
             * @description The query keys every event about its records invalidates: the collection's, then its
             *     views'. An event's `invalidate` is these, with `["{item_key}", id]` for each of its
             *     records after the first.
             */
            invalidates: string[];
            /** @description The query key of one record (`["transit-batch", id]`). */
            item_key: string;
            label: string;
            /** @description The REST path segment and /ws topic (`transit-batches`). */
            name: string;
            plural_label: string;
            /** @description The fields its list may be sorted by (`?sort=field`, `?sort=-field`), with their kinds. */
            sortable: components["schemas"]["SortField"][];
            /** @description What each status allows besides its steps (editing, deleting, cancelling). */
            state_rules?: {
                [key: string]: string[];
            } | null;
            status_machine?: null | components["schemas"]["MachineSchema"];
            /** @description For records with a status: every status it may have (what a status filter offers). */
            statuses?: string[] | null;
            /** @description The money fields its list answer sums over every record that matches (`sums`). */
            summed: string[];
        };
        /** @description A new token: its secret is in this answer and nowhere else. */
        CreatedToken: components["schemas"]["Token"] & {
            token: string;
        };
        /** @description A customer: who orders. */
        Customer: {
            address?: string | null;
            /** Format: date-time */
            created_at: string;
            email: string;
            /** Format: int64 */
            id: number;
            name: string;
            notes?: string | null;
            phone?: string | null;
            /**
             * @description Segment
             * @enum {string}
             */
            segment: "new" | "regular" | "vip" | "dormant";
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        CustomerChanges: {
            address?: string | null;
            /** Format: email */
            email?: string;
            name?: string;
            notes?: string | null;
            phone?: string | null;
        };
        /** @description A change to customers: `data` is the record as `GET` returns it (for a delete, as it was) */
        CustomerEvent: {
            by: components["schemas"]["EventAuthor"];
            /** @description The customer; for `customer_segments_updated`, the changed customers */
            data: components["schemas"]["Customer"] | components["schemas"]["SegmentsRecomputed"];
            /** @enum {string} */
            entity: "customers";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "customer_created" | "customer_updated" | "customer_deleted" | "customer_segments_updated";
        };
        /** @description The body of `POST /api/deliveries/bulk/assign`. */
        DeliveriesBulkAssign: {
            /**
             * Format: int64
             * @description The driver every one of them is assigned, as `POST /api/deliveries/{id}/assign` would.
             */
            driver_id: number;
            /** @description The deliveries, each once: 1 to 500 of them. */
            ids: number[];
        };
        /** @description A delivery: taking one order to its address. */
        Delivery: {
            /** @description The order's delivery address when a new delivery leaves it out. */
            address: string;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: int64
             * @description Set by the assign action.
             */
            driver_id?: number | null;
            /** Format: int64 */
            id: number;
            notes?: string | null;
            /**
             * Format: int64
             * @description A delivery is known by its order's number.
             */
            order_id: number;
            /**
             * @description Status
             * @enum {string}
             */
            status: "pending" | "assigned" | "picked_up" | "in_transit" | "delivered" | "failed" | "cancelled";
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        DeliveryChanges: {
            /** @description The order's delivery address when a new delivery leaves it out. */
            address?: string;
            notes?: string | null;
        };
        /** @description A change to deliveries: `data` is the record as `GET` returns it (for a delete, as it was) */
        DeliveryEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["Delivery"];
            /** @enum {string} */
            entity: "deliveries";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "delivery_created" | "delivery_updated" | "delivery_deleted" | "delivery_driver_assigned" | "delivery_status_updated";
        };
        /** @description The body of `POST /api/deliveries/{id}/status`. */
        DeliveryStatusForm: {
            /**
             * @description The status to move to; 409 `illegal_transition` unless the current one may move there
             * @enum {string}
             */
            status: "pending" | "assigned" | "picked_up" | "in_transit" | "delivered" | "failed" | "cancelled";
        };
        /** @description A driver: takes deliveries out. */
        Driver: {
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            /**
             * Format: double
             * @description Last known position in decimal degrees; set by the location action.
             */
            lat?: number | null;
            /** Format: double */
            lng?: number | null;
            /** Format: date-time */
            location_updated_at?: string | null;
            name: string;
            phone?: string | null;
            /**
             * @description Status
             * @enum {string}
             */
            status: "offline" | "available" | "on_delivery" | "on_break";
            /** Format: date-time */
            updated_at: string;
            vehicle?: string | null;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        DriverChanges: {
            name?: string;
            phone?: string | null;
            vehicle?: string | null;
        };
        /** @description A change to drivers: `data` is the record as `GET` returns it (for a delete, as it was) */
        DriverEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["Driver"];
            /** @enum {string} */
            entity: "drivers";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /**
             * @description `true` on every `driver_location_updated`: a latest value, carrying the record's whole new state. A session that falls behind may get only the newest of these per record (never one older than one it got); every other event arrives, once, in `seq` order (docs/protocol.md)
             * @enum {boolean}
             */
            latest?: true;
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "driver_created" | "driver_updated" | "driver_deleted" | "driver_location_updated" | "driver_status_updated";
        };
        /** @description Only to a session that asked for it (`/ws?positions=combined`): the driver positions that were waiting for it at once, each driver's newest, in `seq` order; a lone position still comes as its own `driver_location_updated` (docs/protocol.md) */
        DriverLocationsFrame: {
            /** @enum {string} */
            entity: "drivers";
            /** @enum {boolean} */
            latest: true;
            positions: {
                /** Format: int64 */
                id: number;
                lat: number;
                lng: number;
                location_updated_at: string;
                /** Format: int64 */
                seq: number;
                /** Format: int64 */
                version: number;
            }[];
            /**
             * Format: int64
             * @description The newest position's: resume with it as `since`
             */
            seq: number;
            /** @enum {string} */
            type: "driver_locations_updated";
        };
        /** @description The body of `POST /api/drivers/{id}/status`. */
        DriverStatusForm: {
            /**
             * @description A driver's status
             * @enum {string}
             */
            status: "offline" | "available" | "on_delivery" | "on_break";
        };
        /** @description An employee: a staff account of the back office. */
        Employee: {
            active: boolean;
            /** Format: date-time */
            created_at: string;
            department?: string | null;
            email: string;
            /** Format: int64 */
            id: number;
            name: string;
            phone?: string | null;
            /**
             * @description Role
             * @enum {string}
             */
            role: "admin" | "manager" | "dispatcher" | "accountant" | "driver" | "staff";
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        EmployeeChanges: {
            active?: boolean;
            department?: string | null;
            /** Format: email */
            email?: string;
            name?: string;
            phone?: string | null;
            /**
             * @description Role
             * @enum {string}
             */
            role?: "admin" | "manager" | "dispatcher" | "accountant" | "driver" | "staff";
        };
        /** @description A change to employees: `data` is the record as `GET` returns it (for a delete, as it was) */
        EmployeeEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["Employee"];
            /** @enum {string} */
            entity: "employees";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "employee_created" | "employee_updated" | "employee_deleted";
        };
        /** @description A page of entries, newest first. */
        Entries: {
            items: components["schemas"]["Entry"][];
            /** Format: int64 */
            limit: number;
            /**
             * Format: int64
             * @description The `after` of the next page (the id of this page's last entry), `null` on the last page.
             */
            next_after?: number | null;
        };
        /** @description One record's change, as the history and the audit answer it. */
        Entry: {
            /** @description The event the change sent (`order_status_changed`). */
            action: string;
            /**
             * Format: date-time
             * @description When the change committed (UTC).
             */
            at: string;
            by: Record<string, never>;
            /**
             * @description Each field that changed: all of them, `before` null, for a create; all of them, `after`
             *     null, for a delete.
             */
            changes: components["schemas"]["Change"][];
            /** @description The collection of the record (`orders`). */
            collection: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            record_id: number;
            /**
             * Format: int64
             * @description That event's place in the event log; `null` for a change that sends no event (a token's).
             */
            seq?: number | null;
        };
        /** @description Every error answer. */
        ErrorBody: {
            error: components["schemas"]["ErrorDetail"];
        };
        ErrorDetail: {
            /** @description Stable, machine-readable: `validation_failed`, `not_found`, `duplicate`, … */
            code: string;
            /**
             * @description For 422, the bad fields and what is wrong with each; for 412, `current_version`. Absent
             *     on other errors.
             */
            details?: Record<string, never> | null;
            /** @description For people. */
            message: string;
        };
        ErrorFrame: {
            code: string;
            message: string;
            /** @enum {string} */
            type: "error";
        };
        Event: components["schemas"]["OrderEvent"] | components["schemas"]["CustomerEvent"] | components["schemas"]["EmployeeEvent"] | components["schemas"]["ServiceEvent"] | components["schemas"]["ProductEvent"] | components["schemas"]["InvoiceEvent"] | components["schemas"]["ExpenseEvent"] | components["schemas"]["BudgetEvent"] | components["schemas"]["DriverEvent"] | components["schemas"]["DeliveryEvent"] | components["schemas"]["TransitBatchEvent"];
        /** @description Who made a change: the token (a browser session's token), never a secret */
        EventAuthor: {
            name: string;
            role: string;
            /** Format: int64 */
            token_id: number;
        };
        /** @description An expense: money spent on one category on one day. */
        Expense: {
            /** Format: int64 */
            amount_cents: number;
            /**
             * @description Matched without regard to case or surrounding spaces; stored in the spelling of the
             *     budgets' category it matches.
             */
            category: string;
            /** Format: date-time */
            created_at: string;
            description?: string | null;
            /** Format: int64 */
            employee_id?: number | null;
            /**
             * Format: date
             * @description `YYYY-MM-DD`.
             */
            expense_date: string;
            /** Format: int64 */
            id: number;
            /** Format: date-time */
            updated_at: string;
            vendor?: string | null;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        ExpenseChanges: {
            /** Format: int64 */
            amount_cents?: number;
            /**
             * @description Matched without regard to case or surrounding spaces; stored in the spelling of the
             *     budgets' category it matches.
             */
            category?: string;
            description?: string | null;
            /** Format: int64 */
            employee_id?: number | null;
            /**
             * Format: date
             * @description `YYYY-MM-DD`.
             */
            expense_date?: string;
            vendor?: string | null;
        };
        /** @description A change to expenses: `data` is the record as `GET` returns it (for a delete, as it was) */
        ExpenseEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["Expense"];
            /** @enum {string} */
            entity: "expenses";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "expense_created" | "expense_updated" | "expense_deleted";
        };
        /** @description One field of a collection's records. */
        Field: {
            /** @description What the server stores when a create leaves it out. */
            default?: unknown;
            filter?: null | components["schemas"]["FilterKind"];
            kind: components["schemas"]["Kind"];
            /** @description What a column header or form label says. */
            label: string;
            /** @description Text: at most this many characters. */
            max_length?: number | null;
            /** Format: int64 */
            maximum?: number | null;
            /** Format: int64 */
            minimum?: number | null;
            name: string;
            /** @description A record may carry `null` for it. */
            nullable: boolean;
            /** @description A reference's collection. */
            references?: string | null;
            /** @description Must be given when creating: no default, and no value the server fills in. */
            required: boolean;
            /** @description `?q=` looks in it (for a reference: in the display name of the record it points to). */
            searchable: boolean;
            sortable: boolean;
            /** @description Money summed in the list answer's `sums`. */
            summed: boolean;
            /** @description An enum's values, in order. */
            values?: string[] | null;
            writable: components["schemas"]["Writable"];
        };
        /**
         * @description How a list filters by a field.
         * @enum {string}
         */
        FilterKind: "eq" | "range";
        /**
         * @description How much of a collection a role may reach with an operation.
         * @enum {string}
         */
        Grant: "none" | "all" | "own_driver";
        /** @description One line of `GET /api/inventory-items`. */
        InventoryItem: {
            /** Format: int64 */
            cost_cents: number;
            /** Format: int64 */
            id: number;
            name: string;
            /** Format: int64 */
            price_cents: number;
            /** Format: int64 */
            reorder_level: number;
            sku: string;
            /** Format: int64 */
            stock_quantity: number;
            stock_state: components["schemas"]["StockState"];
            /**
             * Format: int64
             * @description `stock_quantity × cost_cents`.
             */
            stock_value_cents: number;
        };
        /** @description `GET /api/inventory-kpis`. */
        InventoryKpis: {
            /** Format: int64 */
            low_stock_count: number;
            /** Format: int64 */
            out_of_stock_count: number;
            /**
             * Format: int64
             * @description Σ stock × price.
             */
            retail_value_cents: number;
            /** Format: int64 */
            sku_count: number;
            /**
             * Format: int64
             * @description Σ stock × cost.
             */
            stock_value_cents: number;
            /** Format: int64 */
            total_units: number;
        };
        /** @description An invoice: money owed to the business (receivable) or by it (payable). */
        Invoice: {
            /** Format: int64 */
            amount_cents: number;
            /** @description The customer's name when a new invoice names a customer and leaves it out. */
            counterparty: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            customer_id?: number | null;
            /**
             * Format: date
             * @description 30 days after the issue date (9999-12-31 at the latest) when a new invoice leaves it out.
             */
            due_date: string;
            /** Format: int64 */
            id: number;
            /**
             * Format: date
             * @description Today (UTC) when a new invoice leaves it out.
             */
            issue_date: string;
            /**
             * @description Kind
             * @enum {string}
             */
            kind: "receivable" | "payable";
            /** @description Unique, like `INV-000123`; generated when a new invoice leaves it out. */
            number: string;
            /**
             * @description Status
             * @enum {string}
             */
            status: "draft" | "open" | "paid" | "void";
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        InvoiceChanges: {
            /** Format: int64 */
            amount_cents?: number;
            /** @description The customer's name when a new invoice names a customer and leaves it out. */
            counterparty?: string;
            /** Format: int64 */
            customer_id?: number | null;
            /**
             * Format: date
             * @description 30 days after the issue date (9999-12-31 at the latest) when a new invoice leaves it out.
             */
            due_date?: string;
            /**
             * Format: date
             * @description Today (UTC) when a new invoice leaves it out.
             */
            issue_date?: string;
            /**
             * @description Kind
             * @enum {string}
             */
            kind?: "receivable" | "payable";
            /** @description Unique, like `INV-000123`; generated when a new invoice leaves it out. */
            number?: string;
            /**
             * @description Status
             * @enum {string}
             */
            status?: "draft" | "open" | "paid" | "void";
        };
        /** @description A change to invoices: `data` is the record as `GET` returns it (for a delete, as it was) */
        InvoiceEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["Invoice"];
            /** @enum {string} */
            entity: "invoices";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "invoice_created" | "invoice_updated" | "invoice_deleted";
        };
        /** @description The body of `POST /api/invoices/bulk/status`. */
        InvoicesBulkStatus: {
            /** @description The invoices, each once: 1 to 500 of them. */
            ids: number[];
            /**
             * @description The status each invoice gets, as a `PATCH` of its `status` would set it
             * @enum {string}
             */
            status: "draft" | "open" | "paid" | "void";
        };
        /**
         * @description What a field holds, and so how it is shown, entered and compared.
         * @enum {string}
         */
        Kind: "id" | "text" | "long_text" | "email" | "phone" | "money" | "integer" | "number" | "boolean" | "date" | "month" | "timestamp" | "enum" | "reference" | "references" | "lines";
        /** @description The body of `POST /api/drivers/{id}/location`. */
        LocationForm: {
            /** Format: double */
            lat: number;
            /** Format: double */
            lng: number;
        };
        /** @description The body of `POST /api/login`. */
        LoginForm: {
            /** @description An API token's secret (`sb_…`); a longer one is refused like a wrong one (401). */
            token: string;
        };
        /**
         * @description A status machine as served, described for the API document (the machines themselves are
         *     generic over their status types, so they cannot describe themselves).
         */
        MachineSchema: {
            /** @description An action that may set any status from any other, besides the steps. */
            set_by?: string | null;
            statuses: string[];
            steps: components["schemas"]["StepSchema"][];
        };
        /** @description A new record, as `POST` takes it. */
        NewBudget: {
            /** Format: int64 */
            amount_cents: number;
            /** @description Matched without regard to case or surrounding spaces (`category_key`). */
            category: string;
            /** @description The month, `YYYY-MM`. */
            period: string;
        };
        /** @description A new record, as `POST` takes it. */
        NewCustomer: {
            address?: string | null;
            /** Format: email */
            email: string;
            name: string;
            notes?: string | null;
            phone?: string | null;
        };
        /** @description A new record, as `POST` takes it. */
        NewDelivery: {
            /** @description The order's delivery address when a new delivery leaves it out. */
            address?: string | null;
            notes?: string | null;
            /**
             * Format: int64
             * @description A delivery is known by its order's number.
             */
            order_id: number;
        };
        /** @description A new record, as `POST` takes it. */
        NewDriver: {
            name: string;
            phone?: string | null;
            vehicle?: string | null;
        };
        /** @description A new record, as `POST` takes it. */
        NewEmployee: {
            active?: boolean | null;
            department?: string | null;
            /** Format: email */
            email: string;
            name: string;
            phone?: string | null;
            /**
             * @description Role
             * @enum {string|null}
             */
            role?: "admin" | "manager" | "dispatcher" | "accountant" | "driver" | "staff" | null;
        };
        /** @description A new record, as `POST` takes it. */
        NewExpense: {
            /** Format: int64 */
            amount_cents: number;
            /**
             * @description Matched without regard to case or surrounding spaces; stored in the spelling of the
             *     budgets' category it matches.
             */
            category: string;
            description?: string | null;
            /** Format: int64 */
            employee_id?: number | null;
            /**
             * Format: date
             * @description `YYYY-MM-DD`.
             */
            expense_date: string;
            vendor?: string | null;
        };
        /** @description An invoice names its counterparty, or a customer whose name it takes */
        NewInvoice: {
            /** Format: int64 */
            amount_cents: number;
            /** @description The customer's name when a new invoice names a customer and leaves it out. */
            counterparty?: string | null;
            /** Format: int64 */
            customer_id?: number | null;
            /**
             * Format: date
             * @description 30 days after the issue date (9999-12-31 at the latest) when a new invoice leaves it out.
             */
            due_date?: string | null;
            /**
             * Format: date
             * @description Today (UTC) when a new invoice leaves it out.
             */
            issue_date?: string | null;
            /**
             * @description Kind
             * @enum {string}
             */
            kind: "receivable" | "payable";
            /** @description Unique, like `INV-000123`; generated when a new invoice leaves it out. */
            number?: string | null;
            /**
             * @description Status
             * @enum {string|null}
             */
            status?: "draft" | "open" | "paid" | "void" | null;
        } & (Record<string, never> | Record<string, never>);
        /** @description A new record, as `POST` takes it. */
        NewOrder: {
            /** Format: int64 */
            customer_id: number;
            delivery_address?: string | null;
            /** @description The lines; on PATCH, replaces every line (and recomputes the total). */
            items: components["schemas"]["NewOrderItem"][];
            notes?: string | null;
        };
        /** @description A service's line, a product's line, or a custom line with its own description and unit price */
        NewOrderItem: {
            /** @description Defaults to the service's or product's name. */
            description?: string | null;
            /** Format: int64 */
            product_id?: number | null;
            /** Format: int64 */
            quantity: number;
            /** Format: int64 */
            service_id?: number | null;
            /**
             * Format: int64
             * @description Defaults to the service's or product's price.
             */
            unit_price_cents?: number | null;
        } & (Record<string, never> | Record<string, never> | Record<string, never>);
        /** @description A new record, as `POST` takes it. */
        NewProduct: {
            /** Format: int64 */
            cost_cents: number;
            description?: string | null;
            name: string;
            /** Format: int64 */
            price_cents: number;
            /** Format: int64 */
            reorder_level?: number | null;
            sku: string;
            /** Format: int64 */
            stock_quantity?: number | null;
        };
        /** @description A new record, as `POST` takes it. */
        NewService: {
            /** @description Inactive services leave the pickers and keep their history. */
            active?: boolean | null;
            description?: string | null;
            /** Format: int64 */
            duration_minutes?: number | null;
            name: string;
            /** Format: int64 */
            price_cents: number;
        };
        /** @description The body of `POST /api/tokens`. */
        NewToken: {
            /**
             * Format: int64
             * @description Required for the driver role: the driver it acts for.
             */
            driver_id?: number | null;
            /**
             * Format: int64
             * @description Days until it expires; never when absent.
             */
            expires_in_days?: number | null;
            name: string;
            /**
             * @description What the token may do; a driver token needs `driver_id`
             * @enum {string}
             */
            role: "admin" | "manager" | "dispatcher" | "accountant" | "driver";
        };
        /** @description A new record, as `POST` takes it. */
        NewTransitBatch: {
            /** @description `TB-<date>-<number>` when left out. */
            code?: string | null;
            destination: string;
            /** @description The orders it moves; changed only while the batch is planned. */
            order_ids?: number[];
            origin: string;
        };
        /** @description Once a second to admins subscribed to `operator` (see the README) */
        OperatorFrame: {
            /** @enum {string} */
            type: "operator";
        };
        /** @description An order as GET returns it: its row and its lines. */
        Order: components["schemas"]["OrderRow"] & {
            items: components["schemas"]["OrderItem"][];
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        OrderChanges: {
            /** Format: int64 */
            customer_id?: number;
            delivery_address?: string | null;
            /** @description The lines; on PATCH, replaces every line (and recomputes the total). */
            items?: components["schemas"]["NewOrderItem"][];
            notes?: string | null;
        };
        /** @description A change to orders: `data` is the record as `GET` returns it (for a delete, as it was) */
        OrderEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["Order"];
            /** @enum {string} */
            entity: "orders";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "order_created" | "order_updated" | "order_deleted" | "order_status_changed";
        };
        /** @description One line of an order. */
        OrderItem: {
            description: string;
            /** Format: int64 */
            id: number;
            /**
             * Format: int64
             * @description quantity × unit price.
             */
            line_total_cents: number;
            /** Format: int64 */
            product_id?: number | null;
            /** Format: int64 */
            quantity: number;
            /** Format: int64 */
            service_id?: number | null;
            /** Format: int64 */
            unit_price_cents: number;
        };
        /** @description An order's row; its lines are `order_items`. */
        OrderRow: {
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            customer_id: number;
            delivery_address?: string | null;
            /** Format: int64 */
            id: number;
            notes?: string | null;
            /**
             * @description Status
             * @enum {string}
             */
            status: "pending" | "confirmed" | "in_progress" | "ready" | "out_for_delivery" | "delivered" | "cancelled";
            /**
             * Format: int64
             * @description Σ quantity × unit price over the lines.
             */
            total_cents: number;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /** @description The body of `POST /api/orders/bulk/status`. */
        OrdersBulkStatus: {
            /** @description The orders, each once: 1 to 500 of them. */
            ids: number[];
            /**
             * @description The status to move to; 409 `illegal_transition` unless the current one may move there
             * @enum {string}
             */
            status: "pending" | "confirmed" | "in_progress" | "ready" | "out_for_delivery" | "delivered" | "cancelled";
        };
        PingFrame: {
            /** @enum {string} */
            type: "ping";
        };
        PongFrame: {
            /** @enum {string} */
            type: "pong";
        };
        /** @description Someone else joined, changed what they do on, or left a record topic you hold */
        PresenceChangeFrame: {
            /** @enum {string} */
            action: "join" | "update" | "leave";
            /**
             * Format: int64
             * @description People on the topic after the change
             */
            count: number;
            /**
             * @description Absent on `leave`
             * @enum {string}
             */
            state?: "viewing" | "editing";
            topic: string;
            /** @enum {string} */
            type: "presence";
            who: components["schemas"]["PresenceWho"];
        };
        /** @description What the client is doing on a record topic it holds */
        PresenceFrame: {
            /** @enum {string} */
            state: "viewing" | "editing";
            /** @description A record's topic: `orders:42` */
            topic: string;
            /** @enum {string} */
            type: "presence";
        };
        /** @description Who else is on a record topic, after the ack of a subscribe to it (only when someone is) */
        PresenceSnapshotFrame: {
            /** @enum {string} */
            action: "snapshot";
            /**
             * Format: int64
             * @description Everyone on the topic, you included if you are
             */
            count: number;
            /** @description At most 20 of them, editors first */
            present: {
                id: string;
                name: string;
                role: string;
                /** @enum {string} */
                state: "viewing" | "editing";
            }[];
            topic: string;
            /** @enum {string} */
            type: "presence";
        };
        /** @description A person on a record: one browser session (all its tabs), never a token */
        PresenceWho: {
            /** @description Stable for the browser session, on every instance */
            id: string;
            name: string;
            role: string;
        };
        /** @description Who is calling, as the credentials they presented say. */
        Principal: {
            /**
             * Format: int64
             * @description For the driver role: the driver whose records it may reach.
             */
            driver_id?: number | null;
            /** @description `token` (Authorization header), `session` (cookie) or `ticket` (/ws only). */
            kind: string;
            name: string;
            role: string;
            /**
             * Format: int64
             * @description The browser session, when the caller came with the cookie.
             */
            session_id?: number | null;
            /**
             * Format: int64
             * @description The token, or the token the browser session was made from.
             */
            token_id: number;
        };
        /** @description A product: a stock level and the level to reorder at. */
        Product: {
            /** Format: int64 */
            cost_cents: number;
            /** Format: date-time */
            created_at: string;
            description?: string | null;
            /** Format: int64 */
            id: number;
            name: string;
            /** Format: int64 */
            price_cents: number;
            /** Format: int64 */
            reorder_level: number;
            sku: string;
            /** Format: int64 */
            stock_quantity: number;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        ProductChanges: {
            /** Format: int64 */
            cost_cents?: number;
            description?: string | null;
            name?: string;
            /** Format: int64 */
            price_cents?: number;
            /** Format: int64 */
            reorder_level?: number;
            sku?: string;
            /** Format: int64 */
            stock_quantity?: number;
        };
        /** @description A change to products: `data` is the record as `GET` returns it (for a delete, as it was) */
        ProductEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["Product"];
            /** @enum {string} */
            entity: "products";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "product_created" | "product_updated" | "product_deleted";
        };
        /** @description What the real-time layer holds right now. */
        RealtimeStats: {
            /** @description Frames waiting for the session threads to hand them to their sessions. */
            backlog_frames: number;
            /**
             * Format: int64
             * @description The `seq` of the last event the Broadcaster delivered.
             */
            delivered_seq: number;
            /** @description Distinct topics some session holds. */
            indexed_topics: number;
            /**
             * Format: int64
             * @description Sessions closed since start because they fell behind.
             */
            kicked_slow_sessions: number;
            /** @description WebSocket connections open (registered or still handshaking). */
            open_connections: number;
            /** @description Sessions on each session thread (`--ws-threads`). */
            session_threads: number[];
            /** @description WebSocket sessions registered with the Broadcaster. */
            sessions: number;
        };
        /** @description The log cannot replay what was asked: refetch, carry on from `seq` */
        ResyncFrame: {
            /** Format: int64 */
            seq: number;
            /** @enum {string} */
            type: "resync";
        };
        RoleEntry: {
            /** @description Tokens and system routes. */
            admin: boolean;
            /** @description For each collection it may reach: how much of it, per operation (`all` or `own`). */
            collections: components["schemas"]["RoleGrants"][];
            /** @description For each of those views with fields it may not see: which (absent from its answers). */
            hidden_view_fields: {
                [key: string]: string[];
            };
            name: string;
            /** @description The views it may see. */
            views: string[];
        };
        RoleGrants: {
            /** @description Its actions the role may use, with how much of the collection. */
            actions: {
                [key: string]: components["schemas"]["Grant"];
            };
            /** @description Its bulk actions the role may use (each needs what its single write needs). */
            bulk: {
                [key: string]: components["schemas"]["Grant"];
            };
            collection: string;
            create: components["schemas"]["Grant"];
            delete: components["schemas"]["Grant"];
            read: components["schemas"]["Grant"];
            update: components["schemas"]["Grant"];
        };
        /** @description What a recompute changed. */
        SegmentsRecomputed: {
            /** @description The ids of the customers whose segment changed. */
            changed_ids: number[];
            /** @description Those customers as they are now. */
            customers: components["schemas"]["Customer"][];
        };
        ServerFrame: components["schemas"]["WelcomeFrame"] | components["schemas"]["SubscribedFrame"] | components["schemas"]["UnsubscribedFrame"] | components["schemas"]["PongFrame"] | components["schemas"]["ResyncFrame"] | components["schemas"]["ErrorFrame"] | components["schemas"]["OperatorFrame"] | components["schemas"]["PresenceChangeFrame"] | components["schemas"]["PresenceSnapshotFrame"] | components["schemas"]["DriverLocationsFrame"] | components["schemas"]["Event"];
        /** @description A service: sold by the job. */
        Service: {
            /** @description Inactive services leave the pickers and keep their history. */
            active: boolean;
            /** Format: date-time */
            created_at: string;
            description?: string | null;
            /** Format: int64 */
            duration_minutes?: number | null;
            /** Format: int64 */
            id: number;
            name: string;
            /** Format: int64 */
            price_cents: number;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        ServiceChanges: {
            /** @description Inactive services leave the pickers and keep their history. */
            active?: boolean;
            description?: string | null;
            /** Format: int64 */
            duration_minutes?: number | null;
            name?: string;
            /** Format: int64 */
            price_cents?: number;
        };
        /** @description A change to services: `data` is the record as `GET` returns it (for a delete, as it was) */
        ServiceEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["Service"];
            /** @enum {string} */
            entity: "services";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "service_created" | "service_updated" | "service_deleted";
        };
        /**
         * @description A field a list may be sorted by. A `nullable` one lists its records without a value last,
         *     whichever the direction.
         */
        SortField: {
            kind: components["schemas"]["Kind"];
            name: string;
            nullable: boolean;
        };
        /** @description A list filter that is not one field's. */
        SpecialFilter: {
            kind: components["schemas"]["Kind"];
            label: string;
            name: string;
            values?: string[] | null;
        };
        /** @description The body of `POST /api/orders/{id}/status`. */
        StatusChange: {
            /**
             * @description The status to move to; 409 `illegal_transition` unless the current one may move there
             * @enum {string}
             */
            status: "pending" | "confirmed" | "in_progress" | "ready" | "out_for_delivery" | "delivered" | "cancelled";
        };
        /** @description One step of a status machine: `from` → `to`, `by` an action's name or `rule`. */
        StepSchema: {
            /** @description The action that takes the step, or `rule`. */
            by: string;
            from: string;
            to: string;
            /** @description For a rule: the event that sets it off (`delivery_status_updated`). */
            when?: string | null;
        };
        /**
         * @description A stock level: `out` at zero, `low` at or below the reorder level, else `in_stock`.
         * @enum {string}
         */
        StockState: "in_stock" | "low" | "out";
        SubscribedFrame: {
            /**
             * Format: int64
             * @description Where the live stream starts
             */
            seq: number;
            /** @description `*`, a collection (`orders`), a record (`orders:42`), or a collection narrowed by its filterable fields (`orders?status=pending,ready&customer_id=3`: docs/protocol.md) */
            topics: string[];
            /** @enum {string} */
            type: "subscribed";
        };
        SubscribeFrame: {
            /**
             * Format: int64
             * @description Replay every matching event after this seq first
             */
            since?: number;
            /** @description `*`, a collection (`orders`), a record (`orders:42`), or a collection narrowed by its filterable fields (`orders?status=pending,ready&customer_id=3`: docs/protocol.md) */
            topics: string[];
            /** @enum {string} */
            type: "subscribe";
        };
        /** @description A one-time ticket for `/ws?ticket=…`. */
        Ticket: {
            /** Format: int64 */
            expires_in_secs: number;
            ticket: string;
        };
        /** @description A token as listed: never its secret. */
        Token: {
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            driver_id?: number | null;
            /** Format: date-time */
            expires_at?: string | null;
            /** Format: int64 */
            id: number;
            /**
             * Format: date-time
             * @description The last log-in with it.
             */
            last_used_at?: string | null;
            name: string;
            /** Format: date-time */
            revoked_at?: string | null;
            role: string;
        };
        /** @description One line of `GET /api/live-tracking-drivers`. */
        TrackedDriver: {
            /** Format: int64 */
            id: number;
            /** Format: double */
            lat?: number | null;
            /** Format: double */
            lng?: number | null;
            /** Format: date-time */
            location_updated_at?: string | null;
            name: string;
            status: string;
            vehicle?: string | null;
        };
        /**
         * @description An order out for delivery, with its live delivery and that delivery's driver if any. The
         *     delivery's fields are absent for a role that may not read deliveries, the driver's for one
         *     that may not read drivers (an accountant sees neither): see the catalogue's view entry.
         */
        TrackedOrder: {
            /** Format: int64 */
            customer_id: number;
            customer_name: string;
            /**
             * @description The delivery's address, or the order's when it has no delivery yet. Absent for a role
             *     that may not read deliveries.
             */
            delivery_address?: string | null;
            /**
             * Format: int64
             * @description Absent for a role that may not read deliveries.
             */
            delivery_id?: number | null;
            /** @description Absent for a role that may not read deliveries. */
            delivery_status?: string | null;
            /**
             * Format: int64
             * @description Absent for a role that may not read drivers.
             */
            driver_id?: number | null;
            /** @description Absent for a role that may not read drivers. */
            driver_name?: string | null;
            /**
             * Format: double
             * @description The driver's last known position; absent for a role that may not read drivers.
             */
            lat?: number | null;
            /** Format: double */
            lng?: number | null;
            /** Format: date-time */
            location_updated_at?: string | null;
            /** Format: int64 */
            order_id: number;
            /** @description The order's status. */
            status: string;
            /** Format: int64 */
            total_cents: number;
        };
        /** @description A batch as the API shows it: its row and the ids of its orders. */
        TransitBatch: components["schemas"]["TransitBatchRow"] & {
            /** @description Ascending. */
            order_ids: number[];
        };
        /**
         * @description Changes to a record, as `PATCH` takes them: only the fields given change; `null`
         *     clears an optional one.
         */
        TransitBatchChanges: {
            /** @description `TB-<date>-<number>` when left out. */
            code?: string;
            destination?: string;
            /** @description The orders it moves; changed only while the batch is planned. */
            order_ids?: number[];
            origin?: string;
        };
        /** @description A change to transit-batches: `data` is the record as `GET` returns it (for a delete, as it was) */
        TransitBatchEvent: {
            by: components["schemas"]["EventAuthor"];
            data: components["schemas"]["TransitBatch"];
            /** @enum {string} */
            entity: "transit-batches";
            /**
             * Format: int64
             * @description The record changed; null when the event is about several (`ids`)
             */
            id: number | null;
            /** @description The records changed, when there are several (or for segments) */
            ids?: number[];
            /** @description The React Query keys the change makes stale: lists, views and `[item_key, id]` */
            invalidate: (string | number)[][];
            /** @description Only to a session holding filtered topics (`orders?status=pending`) that records of the event were in before the change and are not after it: each such topic, as the `subscribed` ack spells it, and those records' ids */
            left?: {
                [key: string]: number[];
            };
            /**
             * Format: int64
             * @description The event's position in the server-wide log
             */
            seq: number;
            /** @enum {string} */
            type: "transit_batch_created" | "transit_batch_updated" | "transit_batch_deleted" | "transit_batch_initiated" | "transit_batch_completed";
        };
        /** @description A batch's row; its orders are `transit_batch_orders`. */
        TransitBatchRow: {
            /** @description `TB-<date>-<number>` when left out. */
            code: string;
            /** Format: date-time */
            completed_at?: string | null;
            /** Format: date-time */
            created_at: string;
            destination: string;
            /** Format: int64 */
            id: number;
            /** Format: date-time */
            initiated_at?: string | null;
            origin: string;
            /**
             * @description Status
             * @enum {string}
             */
            status: "planned" | "in_transit" | "completed";
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description Raised by one on every change; send it back as `If-Match` to change what you saw.
             */
            version: number;
        };
        UnsubscribedFrame: {
            /** @description `*`, a collection (`orders`), a record (`orders:42`), or a collection narrowed by its filterable fields (`orders?status=pending,ready&customer_id=3`: docs/protocol.md) */
            topics: string[];
            /** @enum {string} */
            type: "unsubscribed";
        };
        UnsubscribeFrame: {
            /** @description `*`, a collection (`orders`), a record (`orders:42`), or a collection narrowed by its filterable fields (`orders?status=pending,ready&customer_id=3`: docs/protocol.md) */
            topics: string[];
            /** @enum {string} */
            type: "unsubscribe";
        };
        ViewEntry: {
            /**
             * @description Its fields from other collections: collection → fields, omitted for a role that may not
             *     read all of that collection.
             */
            borrowed: {
                [key: string]: string[];
            };
            invalidated_by: string[];
            name: string;
            path: string;
            source: string;
        };
        WelcomeFrame: {
            /** Format: int64 */
            heartbeat_ms: number;
            /** Format: int64 */
            seq: number;
            /** @enum {string} */
            type: "welcome";
        };
        /**
         * @description Who may set a field.
         * @enum {string}
         */
        Writable: "always" | "create" | "never";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_budget: {
        parameters: {
            query?: {
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description Only records with this category. */
                category?: string | null;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Only records with this period. */
                period?: string | null;
                /** @description Searches category. */
                q?: string | null;
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "category" | "-category" | "period" | "-period" | "amount_cents" | "-amount_cents" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Budget"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: {
                            /** Format: int64 */
                            amount_cents: number;
                        } | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_budget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewBudget"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Budget"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_budget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Budget"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_budget: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_budget: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BudgetChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Budget"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_budget: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_customer: {
        parameters: {
            query?: {
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Searches name, email, phone. */
                q?: string | null;
                segment?: "new" | "regular" | "vip" | "dormant";
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "name" | "-name" | "email" | "-email" | "phone" | "-phone" | "segment" | "-segment" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Customer"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: Record<string, never> | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_customer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCustomer"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_customer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_customer: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_customer: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_customer: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_delivery: {
        parameters: {
            query?: {
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description Only records with this driver. */
                driver_id?: number | null;
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Only records with this order. */
                order_id?: number | null;
                /** @description Searches the order's number (`42` or `#42`), driver, address, notes. */
                q?: string | null;
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "order_id" | "-order_id" | "driver_id" | "-driver_id" | "status" | "-status" | "address" | "-address" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                status?: "pending" | "assigned" | "picked_up" | "in_transit" | "delivered" | "failed" | "cancelled";
                /** @description On or before this day (UTC). */
                to?: string | null;
                /** @description Unassigned */
                unassigned?: boolean | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Delivery"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: Record<string, never> | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_delivery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDelivery"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_delivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_delivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_delivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliveryChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_delivery: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_driver: {
        parameters: {
            query?: {
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Searches name, phone, vehicle. */
                q?: string | null;
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "name" | "-name" | "vehicle" | "-vehicle" | "status" | "-status" | "location_updated_at" | "-location_updated_at" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                status?: "offline" | "available" | "on_delivery" | "on_break";
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Driver"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: Record<string, never> | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_driver: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDriver"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Driver"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_driver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Driver"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_driver: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_driver: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DriverChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Driver"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_driver: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_employee: {
        parameters: {
            query?: {
                /** @description Only records with this active. */
                active?: boolean | null;
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description Only records with this department. */
                department?: string | null;
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Searches name, email. */
                q?: string | null;
                role?: "admin" | "manager" | "dispatcher" | "accountant" | "driver" | "staff";
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "name" | "-name" | "email" | "-email" | "role" | "-role" | "department" | "-department" | "active" | "-active" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Employee"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: Record<string, never> | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_employee: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewEmployee"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Employee"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_employee: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Employee"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_employee: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_employee: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmployeeChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Employee"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_employee: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_expense: {
        parameters: {
            query?: {
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description Only records with this category. */
                category?: string | null;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description Only records with this employee. */
                employee_id?: number | null;
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Searches the number (`42` or `#42`), description, vendor. */
                q?: string | null;
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "category" | "-category" | "amount_cents" | "-amount_cents" | "expense_date" | "-expense_date" | "vendor" | "-vendor" | "employee_id" | "-employee_id" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Expense"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: {
                            /** Format: int64 */
                            amount_cents: number;
                        } | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_expense: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewExpense"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Expense"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_expense: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Expense"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_expense: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_expense: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExpenseChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Expense"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_expense: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_invoice: {
        parameters: {
            query?: {
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description Only records with this customer. */
                customer_id?: number | null;
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                kind?: "receivable" | "payable";
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Overdue */
                overdue?: boolean | null;
                /** @description Searches number, customer, counterparty. */
                q?: string | null;
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "number" | "-number" | "kind" | "-kind" | "customer_id" | "-customer_id" | "counterparty" | "-counterparty" | "amount_cents" | "-amount_cents" | "issue_date" | "-issue_date" | "due_date" | "-due_date" | "status" | "-status" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                status?: "draft" | "open" | "paid" | "void";
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Invoice"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: {
                            /** Format: int64 */
                            amount_cents: number;
                        } | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_invoice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewInvoice"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_invoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_invoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_invoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvoiceChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_invoice: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_order: {
        parameters: {
            query?: {
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description Only records with this customer. */
                customer_id?: number | null;
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Searches the number (`42` or `#42`), customer, delivery address, notes. */
                q?: string | null;
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "customer_id" | "-customer_id" | "status" | "-status" | "total_cents" | "-total_cents" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                status?: "pending" | "confirmed" | "in_progress" | "ready" | "out_for_delivery" | "delivered" | "cancelled";
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Order"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: {
                            /** Format: int64 */
                            total_cents: number;
                        } | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_order: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewOrder"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_order: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_order: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_order: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_order: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_product: {
        parameters: {
            query?: {
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Searches SKU, name. */
                q?: string | null;
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "sku" | "-sku" | "name" | "-name" | "price_cents" | "-price_cents" | "cost_cents" | "-cost_cents" | "stock_quantity" | "-stock_quantity" | "reorder_level" | "-reorder_level" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                /** @description Stock level */
                stock?: null | components["schemas"]["StockState"];
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Product"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: Record<string, never> | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_product: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewProduct"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_product: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_product: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_product: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_product: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_service: {
        parameters: {
            query?: {
                /** @description Only records with this active. */
                active?: boolean | null;
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Searches name, description. */
                q?: string | null;
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "name" | "-name" | "price_cents" | "-price_cents" | "duration_minutes" | "-duration_minutes" | "active" | "-active" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["Service"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: Record<string, never> | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_service: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewService"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Service"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_service: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Service"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_service: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_service: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServiceChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Service"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_service: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_transit_batch: {
        parameters: {
            query?: {
                /** @description Keyset paging: the records listed after the one with this id (the previous page's `next_after`); as fast deep in the list as at its start */
                after?: number;
                /** @description `exact`: count every match for `total` (the default on offset pages) */
                count?: "exact";
                /** @description `csv`: every record that matches (not one page; `limit` caps the export, `offset` or `after` start it), streamed as CSV; also chosen by `Accept: text/csv`. `json` (the default) a page */
                format?: "json" | "csv";
                /** @description On or after this day (UTC). */
                from?: string | null;
                /** @description Only the records with these ids, comma-separated (`3,17,42`; at most 500): the names of the records on a screen in one request */
                ids?: string;
                /** @description Page size (default 50); above 500 counts as 500 */
                limit?: number;
                /** @description Records to skip (not with `after`) */
                offset?: number;
                /** @description Searches the number (`42` or `#42`), code, origin, destination. */
                q?: string | null;
                /** @description Sort by this field, ascending, or descending with a leading `-` (ties by id the same way; records without a value last either way); `after` then continues in this order */
                sort?: "id" | "-id" | "code" | "-code" | "origin" | "-origin" | "destination" | "-destination" | "status" | "-status" | "initiated_at" | "-initiated_at" | "completed_at" | "-completed_at" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
                status?: "planned" | "in_transit" | "completed";
                /** @description On or before this day (UTC). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page; X-Switchboard-Seq names the seq it is consistent with. As CSV (RFC 4180, streamed): a header row of `id`, the collection's fields in declaration order and `created_at`, `updated_at`, `version`, then one row per record; money as decimal units (`amount (decimal units)`), dates and timestamps ISO 8601, null empty; Content-Disposition names the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        after?: number;
                        items: components["schemas"]["TransitBatch"][];
                        limit: number;
                        /** @description The `after` of the next page; null on the last one */
                        next_after: number | null;
                        offset: number;
                        /** @description Its money fields (cents) added up over every record that matches the filters, not just this page (at most i64::MAX); null when `total` is (an `after` page without `count=exact`), `{}` for a collection without money */
                        sums: Record<string, never> | null;
                        /** @description How many match in all; null on an `after` page without `count=exact` */
                        total: number | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_transit_batch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewTransitBatch"];
            };
        };
        responses: {
            /** @description Created; Location names it, ETag is its version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransitBatch"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_transit_batch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ETag is its version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransitBatch"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_transit_batch: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_transit_batch: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; 412 if the record changed since */
                "If-Match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitBatchChanges"];
            };
        };
        responses: {
            /** @description The changed record */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransitBatch"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Conflict: `duplicate`, `in_use`, `illegal_transition`, `order_locked`, `batch_locked`… */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description If-Match names a version that is no longer current (`precondition_failed`) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body over the configured limit (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Body is not JSON (`unsupported_media_type`) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Validation failed; `details` names each bad field (`validation_failed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    history_of_transit_batch: {
        parameters: {
            query?: {
                /** @description The id of the last entry of the previous page (its `next_after`). */
                after?: number;
                /** @description Entries on the page: 50 unless given, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the record's audit entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entries"];
                };
            };
            /** @description Malformed JSON or query (`bad_json`, `bad_query`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No valid credentials, or (log-in) a token that is not valid (`unauthorized`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller's role may not do this (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record or route (`not_found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests or failed log-ins; Retry-After says how long to wait (`rate_limited`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description An unexpected failure, logged on the server (`internal`) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The database is unavailable (`unavailable`), the server is shutting down (`shutting_down`), or it is busy (`overloaded`: too many request bodies arriving, or CSV exports running); Retry-After says when to try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
