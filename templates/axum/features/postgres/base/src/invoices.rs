//! Invoices in PostgreSQL (the `invoices` table comes from `migrations/`). Every value reaches SQL as a bind
//! parameter (`$1`), never spliced into the query text, so a status is stored byte for byte.

use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
    response::IntoResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::PgPool;
use utoipa::{IntoParams, ToSchema};

use crate::{ApiError, ErrorBody, JsonBody, JsonPath};

/// A request body over this is refused with a JSON 413 before it is read whole (the router's body limit).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The `status` column is varchar(64), which counts characters, not bytes.
const MAX_STATUS_CHARS: usize = 64;

#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct Invoice {
    pub id: i64,
    #[schema(example = "paid")]
    pub status: String,
}

/// The body of `POST /invoices`, as the document describes it; `new_status` checks it (see there why the handler
/// reads a `Value`).
#[derive(ToSchema)]
#[allow(
    dead_code,
    reason = "only described, never built: the handler reads the body as a Value"
)]
pub struct NewInvoice {
    /// 1 to 64 characters, without U+0000 (PostgreSQL's text cannot hold it).
    #[schema(
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\u0000]*$",
        example = "paid"
    )]
    status: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct InvoicePath {
    /// The invoice's id, a 64-bit signed integer.
    id: i64,
}

/// `POST /invoices` with `{"status":"paid"}`: 201, `Location: /invoices/<id>`, the stored invoice.
#[utoipa::path(
    post,
    path = "/invoices",
    operation_id = "create_invoice",
    request_body = NewInvoice,
    responses(
        (status = CREATED, description = "The stored invoice", body = Invoice,
            headers(("Location" = String, description = "The invoice's path, /invoices/<id>"))),
        (status = BAD_REQUEST, description = "The body is not JSON, or not an object with a status of 1 to 64 characters", body = ErrorBody),
        (status = PAYLOAD_TOO_LARGE, description = "The body is over 64 KiB", body = ErrorBody),
        (status = UNSUPPORTED_MEDIA_TYPE, description = "The body is not sent as application/json", body = ErrorBody),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer; nothing was stored", body = ErrorBody),
    ),
)]
pub async fn create(
    State(pool): State<PgPool>,
    JsonBody(body): JsonBody<Value>,
) -> Result<impl IntoResponse, ApiError> {
    let status = new_status(body)?;
    let invoice: Invoice =
        sqlx::query_as("INSERT INTO invoices (status) VALUES ($1) RETURNING id, status")
            .bind(status)
            .fetch_one(&pool)
            .await?;
    let location = format!("/invoices/{}", invoice.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(invoice),
    ))
}

/// `GET /invoices/<id>`: the stored invoice, or a JSON 404.
#[utoipa::path(
    get,
    path = "/invoices/{id}",
    operation_id = "get_invoice",
    params(InvoicePath),
    responses(
        (status = OK, description = "The invoice", body = Invoice),
        (status = BAD_REQUEST, description = "The id is not a 64-bit integer", body = ErrorBody),
        (status = NOT_FOUND, description = "No invoice has this id", body = ErrorBody),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer", body = ErrorBody),
    ),
)]
pub async fn get(
    State(pool): State<PgPool>,
    JsonPath(InvoicePath { id }): JsonPath<InvoicePath>,
) -> Result<Json<Invoice>, ApiError> {
    sqlx::query_as("SELECT id, status FROM invoices WHERE id = $1")
        .bind(id)
        .fetch_optional(&pool)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no invoice {id}")))
}

/// The status of a new invoice: the body must be a JSON object whose `status` is a string of 1 to 64 characters.
/// (The body is read as a `Value` first: a struct would also be read from `["paid"]`, as serde reads structs from
/// arrays.)
fn new_status(body: Value) -> Result<String, ApiError> {
    let bad = |message: String| ApiError::new(StatusCode::BAD_REQUEST, message);
    let Value::Object(mut fields) = body else {
        return Err(bad(
            r#"the body must be a JSON object, like {"status":"paid"}"#.to_owned(),
        ));
    };
    let Some(status) = fields.remove("status") else {
        return Err(bad("status is required".to_owned()));
    };
    let Value::String(status) = status else {
        return Err(bad(format!(
            "status must be a string, got {}",
            kind(&status)
        )));
    };
    let length = status.chars().count();
    if length == 0 {
        Err(bad("status must not be empty".to_owned()))
    } else if length > MAX_STATUS_CHARS {
        Err(bad(format!(
            "status must be at most {MAX_STATUS_CHARS} characters, got {length}"
        )))
    } else if status.contains('\0') {
        // PostgreSQL's text types cannot hold U+0000; refused here rather than failing in the database.
        Err(bad(
            "status must not contain the character U+0000".to_owned()
        ))
    } else {
        Ok(status)
    }
}

/// What a JSON value is, for an error message (the value itself could be 64 KiB long).
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
