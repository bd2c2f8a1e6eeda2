/**
 * Section 6b for the Python starters: GET /invoices/<id> read from PostgreSQL, each starter (containers project with
 * --database postgres, its own start command) against a bare server of the same framework, driver and server, written
 * into the scratch folder and run with the starter's own venv (so every version matches):
 * - FastAPI: a bare FastAPI app with one route on uvicorn (one worker, as the starter), an SQLAlchemy asyncio engine over
 *   psycopg 3 with the starter's pool (10), and the starter's query as SQL text on a pooled connection (no ORM session,
 *   no middleware); with uvicorn's own access log on (one line per request, as the starter's request log) and without;
 *   and the same bare app reading through the ORM (an AsyncSession per request, session.get), access log on.
 * - Django: a bare Django (settings.configure, no middleware, no apps) with one view running the same query on a raw
 *   cursor (`SELECT id, status FROM invoices WHERE id = %s`), persistent connections as the starter's (CONN_MAX_AGE
 *   600, health checks on), on gunicorn with the starter's 2 sync workers; with gunicorn's access log on and without;
 *   and the same bare view reading through the ORM (Invoice.objects.get(pk=...), as the starter), access log on.
 * Both sides send the same statements per request (counted with PostgreSQL's log_statement): FastAPI BEGIN, SELECT,
 * ROLLBACK (the pool's reset) on either side; Django its health check (SELECT 1) and the SELECT, autocommit. The ORM
 * pairing splits the gap into the ORM's own work and the rest of the starter (middleware, validation, request log).
 * Loaded by autocannon from a second process (LOAD in starters.mjs), rounds rotating the order, paired by round.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { CLI, ensureScratchTools, freshDir, MINUTE, request, table } from './lib.mjs';
import { LOAD } from './starters.mjs';
import { PAIRED_HEADERS, pairedLoad } from './paired-load.mjs';

const BARE_FASTAPI = `"""A bare FastAPI: one route, the starter's driver and pool (SQLAlchemy asyncio over psycopg 3, 10 connections), no
middleware. The query as SQL text on a pooled connection; with ORM=1, the starter's ORM read instead (an AsyncSession per
request, session.get of a mapped Invoice), without the starter's dependency, validation or middleware. ACCESS_LOG=1
turns uvicorn's access log on (one line per request)."""
import os

import uvicorn
from fastapi import FastAPI, HTTPException
from sqlalchemy import BigInteger, String, text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

url = os.environ["DATABASE_URL"].replace("postgres://", "postgresql+psycopg://", 1)
engine = create_async_engine(url, pool_size=10, max_overflow=0)
sessions = async_sessionmaker(engine, expire_on_commit=False)
app = FastAPI()


class Base(DeclarativeBase):
    pass


class Invoice(Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    status: Mapped[str] = mapped_column(String(64))


if os.environ.get("ORM") == "1":

    @app.get("/invoices/{invoice_id}")
    async def get_invoice(invoice_id: int) -> dict[str, object]:
        async with sessions() as session:
            invoice = await session.get(Invoice, invoice_id)
        if invoice is None:
            raise HTTPException(404, "not found")
        return {"id": invoice.id, "status": invoice.status}

else:

    @app.get("/invoices/{invoice_id}")
    async def get_invoice(invoice_id: int) -> dict[str, object]:
        async with engine.connect() as connection:
            row = (await connection.execute(text("SELECT id, status FROM invoices WHERE id = :id"), {"id": invoice_id})).first()
        if row is None:
            raise HTTPException(404, "not found")
        return {"id": row.id, "status": row.status}


uvicorn.run(app, host="0.0.0.0", port=int(os.environ["PORT"]), access_log=os.environ.get("ACCESS_LOG") == "1")
`;

const BARE_DJANGO = `"""A bare Django: one view, no middleware, no apps, persistent connections as the starter's (health checks on).
The query on a raw cursor; with ORM=1, the starter's ORM read instead (Invoice.objects.get(pk=...) of a model of the
same table), without the starter's middleware, URLconf or id parsing."""
import os

import dj_database_url
from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="bench-only-" + "x" * 50,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600, conn_health_checks=True)},
)

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.db import connection, models  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402


class Invoice(models.Model):
    id = models.BigAutoField(primary_key=True)
    status = models.CharField(max_length=64)

    class Meta:
        app_label = "bench"
        db_table = "invoices"
        managed = False


def raw(invoice_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, status FROM invoices WHERE id = %s", [invoice_id])
        return cursor.fetchone()


def orm(invoice_id):
    try:
        invoice = Invoice.objects.get(pk=invoice_id)
    except Invoice.DoesNotExist:
        return None
    return (invoice.pk, invoice.status)


read = orm if os.environ.get("ORM") == "1" else raw


def invoice(request, invoice_id):
    row = read(invoice_id)
    if row is None:
        return JsonResponse({"error": "Not Found"}, status=404)
    return JsonResponse({"id": row[0], "status": row[1]})


urlpatterns = [path("invoices/<int:invoice_id>", invoice)]
`;

/** Per framework: the bare server's file and the commands of each kind (run in the starter's folder). */
const PYTHON_BENCHES = {
  fastapi: {
    file: 'fastapi_bare.py',
    source: BARE_FASTAPI,
    commands: (bare) => ({
      starter: 'exec .venv/bin/python -m app',
      'bare, access log on': `ACCESS_LOG=1 exec .venv/bin/python '${bare}'`,
      'bare ORM, access log on': `ORM=1 ACCESS_LOG=1 exec .venv/bin/python '${bare}'`,
      bare: `exec .venv/bin/python '${bare}'`,
    }),
  },
  django: {
    file: 'django_bare.py',
    source: BARE_DJANGO,
    // An empty config file: gunicorn would otherwise read the starter's ./gunicorn.conf.py.
    commands: (bare) => {
      const dir = path.dirname(bare);
      const base = `exec .venv/bin/gunicorn -c '${dir}/empty.conf.py' --chdir '${dir}' -w 2 -b 0.0.0.0:$PORT`;
      return {
        starter: 'exec .venv/bin/gunicorn config.wsgi',
        'bare, access log on': `${base} --access-logfile - django_bare:application`,
        'bare ORM, access log on': `ORM=1 ${base} --access-logfile - django_bare:application`,
        bare: `${base} django_bare:application`,
      };
    },
  },
};

const COMPARED = [
  { kind: 'starter', against: 'bare, access log on', goal: 'within -5% (a bare server with one request line, as the starter logs one)' },
  { kind: 'starter', against: 'bare', goal: 'second figure: the bare server logs nothing' },
  { kind: 'bare ORM, access log on', against: 'bare, access log on', goal: "the ORM's share: the same bare server reading the row through the ORM instead of SQL text / a raw cursor" },
  { kind: 'starter', against: 'bare ORM, access log on', goal: "the rest: the starter against the bare server that reads through the ORM too (its middleware, validation, dependency, request log)" },
];

export async function databasePython({ e, server, quick, frameworks, rounds: roundsAsked }) {
  const scratch = ensureScratchTools();
  const rounds = roundsAsked ?? (quick ? 1 : 3);
  for (const [id, bench] of Object.entries(PYTHON_BENCHES)) {
    if (frameworks && !frameworks.includes(id)) continue;
    const database = `bench_${id}`;
    const env = { ...e.toolEnv(), DATABASE_URL: await server.createDatabase(database) };
    const root = freshDir('db-projects', id);
    execFileSync(process.execPath, [CLI, 'invoice-api', '--framework', id, '--database', 'postgres', '--yes', '--no-install', '--no-git'], { cwd: root, stdio: 'ignore' });
    const dir = path.join(root, 'invoice-api');
    const listed = JSON.parse(execFileSync(process.execPath, [CLI, 'list', '--json'], { encoding: 'utf8' })).find((f) => f.id === id);
    for (const command of [listed.commands.install, listed.commands.migrate]) {
      const r = await e.runShell(command, { cwd: dir, env, timeoutMs: 15 * MINUTE });
      if (r.code !== 0) throw new Error(e.describeRun(command, r));
    }
    const [{ id: invoiceId }] = await server.query(database, "INSERT INTO invoices (status) VALUES ('paid') RETURNING id::int AS id");
    const bareDir = freshDir('db-bare', id);
    const bare = path.join(bareDir, bench.file);
    fs.writeFileSync(bare, bench.source);
    fs.writeFileSync(path.join(bareDir, 'empty.conf.py'), '');
    const commandOf = bench.commands(bare);
    const { rows, notes } = await pairedLoad({ e, scratch, cwd: dir, env, id: invoiceId, commandOf, comparisons: COMPARED, rounds, logs: freshDir('db-logs', id), label: `${id} ` });
    table(
      `6b (${id}). Throughput on GET /invoices/${invoiceId} from PostgreSQL ${server.major}, ${LOAD.connections} keep-alive connections, ${LOAD.warmupS} s warm-up + ${LOAD.durationS} s measured, ${rounds} round(s) rotating the order`,
      PAIRED_HEADERS,
      rows,
      [...notes, `bare: ${bare} (see test/bench/database-python.mjs for what it does), run with the starter's .venv; PostgreSQL from the e2e harness on 127.0.0.1.`],
    );
  }
}
