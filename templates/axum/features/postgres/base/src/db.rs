//! The database: the pool's settings from the environment, the migrations compiled into the binary, readiness.
//!
//! Queries use sqlx's runtime API (`sqlx::query_as` with `.bind`), not the compile-time checked `query!` macros:
//! the build needs no live database and no `.sqlx/` offline data to keep in step with the schema, and the tests
//! (`cargo test`, against a real PostgreSQL) run every query instead.

use std::{io, time::Duration};

use axum::{Json, extract::State};
use sqlx::{
    Connection, PgConnection, PgPool,
    migrate::Migrator,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::{ApiError, ErrorBody, StatusOk};

/// `migrations/`, compiled into the binary (build.rs compiles again when a file there changes). `server migrate`
/// applies what is new; the server itself never migrates, so neither a container start nor a Lambda cold start does.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// How the pool behaves: its size, how long a request waits for a connection, and whether idle ones are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSettings {
    pub max_connections: u32,
    /// A request that gets no connection in this time answers 503 (so an outage is a quick 503, not a hang).
    pub acquire_timeout: Duration,
    /// On Lambda the one connection is kept between invocations; a container closes connections idle for 30 s.
    pub keep_idle: bool,
}

impl PoolSettings {
    /// From the variables `var` reads: `DATABASE_POOL_MAX` (default 10), and on AWS Lambda (`AWS_LAMBDA_FUNCTION_NAME`
    /// is set) one connection per instance, since an instance serves one request at a time (put RDS Proxy in front of
    /// the database to pool across instances).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> io::Result<Self> {
        let on_lambda = var("AWS_LAMBDA_FUNCTION_NAME").is_some();
        let max_connections = match var("DATABASE_POOL_MAX") {
            Some(value) => value
                .parse::<u32>()
                .ok()
                .filter(|max| *max >= 1)
                .ok_or_else(|| {
                    invalid(format!(
                        "DATABASE_POOL_MAX must be a whole number, 1 or more, got {value:?}"
                    ))
                })?,
            None if on_lambda => 1,
            None => 10,
        };
        Ok(Self {
            max_connections,
            acquire_timeout: Duration::from_secs(2),
            keep_idle: on_lambda,
        })
    }
}

/// The connection settings from a `postgres://` URL, with what every connection of the service sets.
pub fn connect_options(url: &str) -> io::Result<PgConnectOptions> {
    // The errors say what is wrong without repeating the URL, which may hold a password.
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(invalid("DATABASE_URL must be a postgres:// URL"));
    }
    let options: PgConnectOptions = url
        .parse()
        .map_err(|error| invalid(format!("DATABASE_URL is not a postgres:// URL: {error}")))?;
    Ok(options
        .application_name("api")
        // A query the server has not answered in 5 s is cancelled there and fails here.
        .options([("statement_timeout", "5s")]))
}

/// `DATABASE_URL`'s settings, from its value (`None` when unset); unset or malformed is an error naming it.
pub fn database_url(url: Option<&str>) -> io::Result<PgConnectOptions> {
    connect_options(url.ok_or_else(|| {
        invalid("DATABASE_URL is not set: give the postgres:// URL of the database (see README.md)")
    })?)
}

/// A pool that connects on first use, not here: a server (or a Lambda instance) starts while the database is down,
/// answers 503 until it is back, then serves again without a restart. Each connection is checked with a ping before
/// a request gets it, so one the server dropped (a restart, a failover) is replaced instead of failing a request.
pub fn pool(options: PgConnectOptions, settings: &PoolSettings) -> PgPool {
    let idle_timeout = (!settings.keep_idle).then(|| Duration::from_secs(30));
    PgPoolOptions::new()
        .max_connections(settings.max_connections)
        .acquire_timeout(settings.acquire_timeout)
        .idle_timeout(idle_timeout)
        .connect_lazy_with(options)
}

/// Applies the migrations not yet applied, over one connection. sqlx records them in `_sqlx_migrations` and holds an
/// advisory lock meanwhile, so two runs never race; a migration file changed after it was applied is an error.
pub async fn migrate(options: &PgConnectOptions) -> Result<(), sqlx::migrate::MigrateError> {
    let mut connection = PgConnection::connect_with(options).await?;
    MIGRATOR.run(&mut connection).await?;
    connection.close().await?;
    Ok(())
}

/// Readiness: 200 when the database answers a query, a JSON 503 otherwise, so an orchestrator stops sending traffic
/// to an instance that cannot serve it. `/healthz` (liveness) never touches the database: an outage must not
/// restart pods.
#[utoipa::path(
    get,
    path = "/readyz",
    responses(
        (status = OK, description = "The database answers", body = StatusOk),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer", body = ErrorBody),
    ),
)]
pub async fn readyz(State(pool): State<PgPool>) -> Result<Json<StatusOk>, ApiError> {
    sqlx::query("SELECT 1").execute(&pool).await?;
    Ok(Json(StatusOk { status: "ok" }))
}

/// Whether an error means the database cannot be reached or used right now (a 503, worth retrying), rather than a
/// query it refused (a bug: a 500).
pub fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        // SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57 (operator intervention: the
        // server is shutting down or restarting).
        sqlx::Error::Database(error) => error.code().is_some_and(|code| {
            ["08", "53", "57"]
                .iter()
                .any(|class| code.starts_with(class))
        }),
        _ => false,
    }
}

fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> io::Result<PoolSettings> {
        PoolSettings::from_vars(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn a_container_has_a_small_pool_and_lambda_one_kept_connection() {
        let container = settings(&[]).unwrap();
        assert_eq!(
            (container.max_connections, container.keep_idle),
            (10, false)
        );
        let lambda = settings(&[("AWS_LAMBDA_FUNCTION_NAME", "api")]).unwrap();
        assert_eq!((lambda.max_connections, lambda.keep_idle), (1, true));
    }

    #[test]
    fn database_pool_max_sets_the_size_and_a_bad_one_is_an_error_naming_it() {
        assert_eq!(
            settings(&[("DATABASE_POOL_MAX", "3")])
                .unwrap()
                .max_connections,
            3
        );
        for bad in ["0", "-1", "ten", ""] {
            let error = settings(&[("DATABASE_POOL_MAX", bad)]).unwrap_err();
            assert!(
                error.to_string().contains("DATABASE_POOL_MAX"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn a_url_that_does_not_parse_is_an_error_that_does_not_echo_it() {
        let error = connect_options("mysql://user:secret@host/db").unwrap_err();
        assert!(error.to_string().contains("DATABASE_URL"), "{error}");
        assert!(!error.to_string().contains("secret"), "{error}");
    }
}
