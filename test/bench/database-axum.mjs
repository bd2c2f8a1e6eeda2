/**
 * Section 6b for Axum: the starter's GET /invoices/<id> read from PostgreSQL against a bare Axum + sqlx server running
 * the same query on a PgPool of the same size (10) and settings (sqlx's defaults but the starter's acquire timeout),
 * both release builds, loaded by autocannon from a second process on 127.0.0.1. The bare server is a Cargo project
 * written into the scratch folder (its sources below) with the starter's Cargo.lock copied in, so every shared crate
 * is the same version, built in the same CARGO_TARGET_DIR. It runs with and without one JSON request line per request
 * (tracing's JSON formatter, the starter's way), so the starter is compared doing the same work: with its request
 * lines against the bare one with them (the decided baseline), and both without as the second figure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { CLI, fmt, freshDir, MINUTE, now, request, table } from './lib.mjs';
import { LOAD } from './starters.mjs';
import { PAIRED_HEADERS, pairedLoad } from './paired-load.mjs';

const BARE_CARGO_TOML = `[package]
name = "axum-sqlx-bare"
version = "0.1.0"
edition = "2024"
publish = false

# The starter's crates with the starter's features, nothing else.
[dependencies]
axum = { version = "0.8.9", default-features = false, features = ["http1", "json", "tokio"] }
serde = { version = "1.0.229", features = ["derive"] }
sqlx = { version = "0.8.6", default-features = false, features = ["runtime-tokio", "postgres", "migrate", "macros"] }
tokio = { version = "1.54.1", features = ["macros", "net", "rt-multi-thread", "signal"] }
tracing = { version = "0.1.44", default-features = false, features = ["std"] }
tracing-subscriber = { version = "0.3.23", default-features = false, features = ["fmt", "json", "std"] }

[profile.release]
strip = true
`;

const BARE_MAIN_RS = `//! A bare Axum server with one route reading one invoice from PostgreSQL through sqlx: a PgPool of 10, the starter's
//! query. BARE_LOG=1 adds one JSON line per request (tracing's JSON formatter), as the starter writes.
use std::time::Duration;

use axum::{Json, Router, extract::{Path, Request, State}, http::StatusCode, middleware::{self, Next}, response::Response, routing::get};
use serde::Serialize;
use sqlx::{PgPool, postgres::PgPoolOptions};

#[derive(Serialize, sqlx::FromRow)]
struct Invoice { id: i64, status: String }

async fn invoice(State(pool): State<PgPool>, Path(id): Path<i64>) -> Result<Json<Invoice>, StatusCode> {
    sqlx::query_as("SELECT id, status FROM invoices WHERE id = $1")
        .bind(id)
        .fetch_optional(&pool)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?
        .map(Json)
        .ok_or(StatusCode::NOT_FOUND)
}

async fn log_request(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let response = next.run(request).await;
    tracing::info!(method = %method, path = %path, status = response.status().as_u16(), "request completed");
    response
}

#[tokio::main]
async fn main() {
    let pool = PgPoolOptions::new()
        .max_connections(10)
        .acquire_timeout(Duration::from_secs(2))
        .connect_lazy(&std::env::var("DATABASE_URL").expect("DATABASE_URL"))
        .expect("a postgres:// URL");
    let mut app = Router::new().route("/invoices/{id}", get(invoice)).with_state(pool);
    if std::env::var_os("BARE_LOG").is_some() {
        tracing_subscriber::fmt().json().flatten_event(true).with_current_span(false).with_span_list(false).init();
        app = app.layer(middleware::from_fn(log_request));
    }
    let port: u16 = std::env::var("PORT").expect("PORT").parse().expect("a port");
    let listener = tokio::net::TcpListener::bind(("0.0.0.0", port)).await.expect("the port is free");
    axum::serve(listener, app).await.expect("serves");
}
`;

/** The release binary `cargo build --release` makes of `bin` in `dir`, built now. */
async function releaseBinary(e, dir, env, bin) {
  const build = `cargo build --release --bin ${bin} --message-format=json`;
  const r = await e.runShell(`${build} 2>/dev/null`, { cwd: dir, env, timeoutMs: 20 * MINUTE });
  if (r.code !== 0) throw new Error(e.describeRun(build, r));
  const exe = r.output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .find((m) => m.reason === 'compiler-artifact' && m.executable && m.target?.name === bin)?.executable;
  if (!exe) throw new Error(`cargo build did not report the binary ${bin} in ${dir}`);
  return exe;
}

export async function axumThroughput({ e, server, scratch, quick, rounds: roundsAsked }) {
  const database = 'bench_axum';
  const env = { ...e.toolEnv(), DATABASE_URL: await server.createDatabase(database) };
  const root = freshDir('db-projects-axum');
  execFileSync(process.execPath, [CLI, 'invoice-api', '--framework', 'axum', '--database', 'postgres', '--yes', '--no-install', '--no-git'], { cwd: root, stdio: 'ignore' });
  const dir = path.join(root, 'invoice-api');
  const migrate = 'cargo run --release -- migrate';
  const migrated = await e.runShell(migrate, { cwd: dir, env, timeoutMs: 20 * MINUTE });
  if (migrated.code !== 0) throw new Error(e.describeRun(migrate, migrated));
  const starter = await releaseBinary(e, dir, env, 'invoice-api');

  const bareDir = freshDir('db-bare-axum');
  fs.mkdirSync(path.join(bareDir, 'src'));
  fs.writeFileSync(path.join(bareDir, 'Cargo.toml'), BARE_CARGO_TOML);
  fs.writeFileSync(path.join(bareDir, 'src/main.rs'), BARE_MAIN_RS);
  fs.copyFileSync(path.join(dir, 'Cargo.lock'), path.join(bareDir, 'Cargo.lock'));
  const bare = await releaseBinary(e, bareDir, env, 'axum-sqlx-bare');

  const [{ id }] = await server.query(database, "INSERT INTO invoices (status) VALUES ('paid') RETURNING id::int AS id");
  const commandOf = {
    'bare, request lines': `BARE_LOG=1 exec '${bare}'`,
    starter: `exec '${starter}'`,
    bare: `exec '${bare}'`,
    'starter, no request lines': `LOG_LEVEL=warn exec '${starter}'`,
  };
  const rounds = roundsAsked ?? (quick ? 1 : 3);
  const { rows, notes } = await pairedLoad({
    e, scratch, cwd: dir, env, id, commandOf, rounds, logs: freshDir('db-logs-axum'),
    comparisons: [
      { kind: 'starter', against: 'bare, request lines', goal: 'within -5% (the decided baseline: the same work, its request line included)' },
      { kind: 'starter, no request lines', against: 'bare', goal: 'second figure: both without request lines' },
    ],
  });
  table(
    `6b (Axum). Throughput on GET /invoices/${id} from PostgreSQL ${server.major}, ${LOAD.connections} keep-alive connections, ${LOAD.warmupS} s warm-up + ${LOAD.durationS} s measured, ${rounds} round(s) rotating the order`,
    PAIRED_HEADERS,
    rows,
    [...notes, `bare: ${bareDir} (one route, the same query on a sqlx PgPool of 10, the starter's Cargo.lock), release builds; PostgreSQL from the e2e harness on 127.0.0.1, fsync off.`],
  );
}
