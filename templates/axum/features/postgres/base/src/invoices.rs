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

use crate::{ApiError, JsonBody, JsonPath};

/// A request body over this is refused with a JSON 413 before it is read whole (the router's body limit).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The `status` column is varchar(64), which counts characters, not bytes.
const MAX_STATUS_CHARS: usize = 64;

#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct Invoice {
    pub id: i64,
    pub status: String,
}

#[derive(Deserialize)]
pub struct InvoicePath {
    id: i64,
}

/// `POST /invoices` with `{"status":"paid"}`: 201, `Location: /invoices/<id>`, the stored invoice.
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
