/**
 * A project name lands in a folder, a package.json, a pyproject.toml, a go.mod, a Cargo.toml and a Java package.
 * Each has its own grammar; this module turns one name into a valid name for each, or refuses it with the reason.
 */
import { builtinModules } from 'node:module';

export class NameError extends Error {}

export interface ProjectNames {
  /** The folder name, as the user typed it (trimmed). */
  folder: string;
  /** Human title for READMEs. */
  title: string;
  /** lowercase, digits and single hyphens: the root every other name is derived from. */
  slug: string;
  npmName: string;
  /** PyPI distribution name (PEP 508 / 503). */
  pythonDist: string;
  /** Python import name: an identifier, not a keyword. */
  pythonModule: string;
  goModule: string;
  /** Cargo package name and the crate identifier Rust code uses. */
  crateName: string;
  crateIdent: string;
  javaPackage: string;
  javaPackagePath: string;
  javaArtifactId: string;
  /** Container image and Kubernetes object name (DNS-1123 label). */
  imageName: string;
}

const MAX_LENGTH = 100;
/** Kubernetes names are DNS labels: 63 characters. */
const MAX_SLUG = 50;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

const PYTHON_KEYWORDS = new Set(
  'false none true and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type test tests'.split(' '),
);
const RUST_KEYWORDS = new Set([
  ...'as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref return self super static struct trait true type unsafe use where while async await dyn abstract become box do final macro override priv typeof unsized virtual yield try gen union raw std core alloc proc_macro test'.split(' '),
  // Cargo refuses these package names: they are the names of its own folders under target/.
  'build', 'deps', 'examples', 'incremental',
  // The Axum starter's own dependencies: a package of the same name makes `use tokio::...` ambiguous (E0464).
  'axum', 'tokio', 'serde', 'serde_json', 'tracing', 'tracing_subscriber', 'lambda_http', 'http_body_util', 'tower',
  // ... that of --database postgres, and its tests' shared module (`mod common;`, tests/common/mod.rs).
  'sqlx', 'common',
  // ... and its OpenAPI document and Swagger UI.
  'utoipa', 'utoipa_axum', 'utoipa_swagger_ui',
]);
const JAVA_KEYWORDS = new Set(
  'abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new package private protected public return short static strictfp super switch synchronized this throw throws transient try void volatile while true false null var record yield sealed permits java javax _'.split(' '),
);
const NPM_RESERVED = new Set([
  'node_modules', 'favicon.ico', ...builtinModules.map((m) => m.replace(/^node:/, '')),
  // The Node starters' own dependencies: npm refuses to install a package into one of the same name (ENOSELF).
  'fastify', 'typescript', 'rxjs', 'reflect-metadata', 'supertest', 'vitest', 'express', 'ts-node', 'tsx', 'esbuild', 'pino',
  // ... and those of --database postgres.
  'pg', 'node-pg-migrate', 'typeorm',
]);
/** The Python starters' dependencies (PEP 503 normalised): a project of the same name cannot depend on them. */
const PYTHON_RESERVED = new Set(['fastapi', 'uvicorn', 'mangum', 'httpx', 'httpx2', 'pytest', 'pytest-django', 'django', 'gunicorn', 'setuptools', 'pip', 'wheel', 'starlette', 'pydantic', 'ruff', 'mypy', 'django-stubs',
  // ... and those of --database postgres (and Django's Lambda adapter).
  'sqlalchemy', 'alembic', 'psycopg', 'greenlet', 'dj-database-url', 'apig-wsgi',
  // ... and Django's routes and OpenAPI document.
  'django-ninja',
  // ... and every other package the shipped uv.lock files pin (test/unit/uv-lock.test.ts keeps this list complete):
  // a lock cannot hold the project and a dependency of the same name.
  'annotated-doc', 'annotated-types', 'anyio', 'asgiref', 'ast-serialize', 'click', 'colorama', 'django-stubs-ext', 'h11', 'httpcore2',
  'httpx2-jsfetch', 'idna', 'iniconfig', 'librt', 'mako', 'markupsafe', 'mypy-extensions', 'opentelemetry-api', 'packaging', 'pathspec',
  'pluggy', 'psycopg-binary', 'pydantic-core', 'pydantic-settings', 'pygments', 'python-dotenv', 'sqlparse', 'truststore', 'types-pyyaml',
  'typing-extensions', 'typing-inspection',
  'tzdata']);
/** The Go starters' modules: the main module cannot have the path of a module it requires. */
const GO_RESERVED = new Set([
  'github.com/gin-gonic/gin', 'github.com/labstack/echo/v4', 'github.com/labstack/echo/v5', 'github.com/aws/aws-lambda-go', 'golang.org/x/time',
  // ... and those of --database postgres.
  'github.com/jackc/pgx/v5', 'github.com/pressly/goose/v3',
  // ... and those of the OpenAPI document and Swagger UI.
  'github.com/swaggest/openapi-go', 'github.com/swaggest/jsonschema-go', 'github.com/swaggest/swgui',
]);
/** Bytes a folder name may have: NAME_MAX is 255, and the writer's temporary sibling adds 27 to the name. */
const MAX_FOLDER_BYTES = 200;

/** Checks what the user typed as a folder name; returns the trimmed folder name or throws NameError saying why. */
export function validateFolderName(raw: string): string {
  const folder = raw.trim();
  if (folder === '') throw new NameError('The project name is empty.');
  if (folder === '.' || folder === '..') throw new NameError(`"${folder}" is not a project name: give the new folder's name.`);
  if (/[\\/:]/.test(folder)) {
    throw new NameError(`"${folder}" contains a path separator (/, \\ or :), which a name cannot have.`);
  }
  if (/[\u0000-\u001f\u007f<>"|?*]/.test(folder)) {
    throw new NameError(`"${folder.replace(/[\u0000-\u001f\u007f]/g, '?')}" contains characters that are not allowed in folder names.`);
  }
  if (LONE_SURROGATE.test(folder)) throw new NameError('The project name is not valid Unicode (it has a lone surrogate).');
  if (folder.startsWith('.')) throw new NameError(`"${folder}" starts with a dot, which would make a hidden folder.`);
  if (folder.startsWith('-')) throw new NameError(`"${folder}" starts with a hyphen, which commands such as cd would read as an option.`);
  if (/[$`]/.test(folder)) throw new NameError(`"${folder}" contains $ or \`, which a shell expands even inside double quotes.`);
  if (/[. ]$/.test(folder)) throw new NameError(`"${folder}" ends with a dot or a space, which Windows cannot keep.`);
  if (WINDOWS_DEVICES.test(folder)) throw new NameError(`"${folder}" is a reserved device name on Windows.`);
  if ([...folder].length > MAX_LENGTH) throw new NameError(`The project name is longer than ${MAX_LENGTH} characters.`);
  if (Buffer.byteLength(folder) > MAX_FOLDER_BYTES) {
    throw new NameError(`The project name takes ${Buffer.byteLength(folder)} bytes in UTF-8; file systems allow ${MAX_FOLDER_BYTES} here: shorten it.`);
  }
  return folder;
}

/** Latin letters with their accents removed, everything else that is not a letter or digit turned into hyphens. */
export function slugify(name: string): string {
  // An ASCII name is its own NFKD form; skipping normalize() spares loading ICU's normalization data (about 0.5 ms).
  return (/^[\x00-\x7f]*$/.test(name) ? name : name.normalize('NFKD'))
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
}

/** An identifier for languages where names cannot start with a digit nor be a keyword. */
function identifier(slug: string, separator: '_' | '', keywords: Set<string>): string {
  let id = slug.replace(/-/g, separator);
  if (/^[0-9]/.test(id)) id = `app${separator}${id}`;
  if (keywords.has(id)) id = `${id}${separator}app`;
  return id;
}

const GO_MODULE_PATH = /^[a-z0-9][a-z0-9.-]*(\/[A-Za-z0-9._~-]+)*$/;
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** Why a Go module path is invalid (golang.org/x/mod/module's element rules), or undefined. */
function goModuleProblem(goModule: string): string | undefined {
  if (!GO_MODULE_PATH.test(goModule)) return 'only lowercase letters, digits, dots and hyphens in the host, and letters, digits and ._~- in the other parts';
  for (const part of goModule.split('/')) {
    if (part.startsWith('.') || part.endsWith('.')) return `"${part}" starts or ends with a dot`;
    if (/~[0-9]+$/.test(part)) return `"${part}" ends with a tilde and digits`;
    if (WINDOWS_DEVICE_NAME.test(part.split('.')[0]!)) return `"${part}" is a reserved device name on Windows`;
  }
  if (GO_RESERVED.has(goModule)) return 'it is the path of a module the starter depends on';
  return undefined;
}
const JAVA_PACKAGE = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/;

export interface NameOverrides {
  goModule?: string;
  javaPackage?: string;
}

export function deriveNames(raw: string, overrides: NameOverrides = {}): ProjectNames {
  const folder = validateFolderName(raw);
  let slug = slugify(folder);
  // "Con!" is a fine folder, but its slug "con" would be a Windows device name in a Go module path and a crate.
  if (WINDOWS_DEVICE_NAME.test(slug)) slug = `${slug}-app`;
  if (!/[a-z]/.test(slug)) {
    throw new NameError(
      `"${folder}" has no Latin letter to derive package names from (npm, PyPI, Go, Cargo and Java need one): add one, e.g. "api-${slug || 'service'}".`,
    );
  }
  const crateSlug = /^[0-9]/.test(slug) ? `app-${slug}` : slug;
  const crateIdent = identifier(crateSlug, '_', RUST_KEYWORDS);
  const javaIdent = identifier(slug, '', JAVA_KEYWORDS);

  const goModule = overrides.goModule ?? `example.com/${slug}`;
  const goProblem = goModuleProblem(goModule);
  if (goProblem) throw new NameError(`"${goModule}" is not a Go module path (like example.com/team/${slug}): ${goProblem}.`);
  const javaPackage = overrides.javaPackage ?? `com.example.${javaIdent}`;
  if (!JAVA_PACKAGE.test(javaPackage) || javaPackage.split('.').some((part) => JAVA_KEYWORDS.has(part))) {
    throw new NameError(`"${javaPackage}" is not a Java package name (lowercase identifiers joined by dots, no keywords).`);
  }

  return {
    folder,
    title: folder,
    slug,
    npmName: NPM_RESERVED.has(slug) ? `${slug}-app` : slug,
    pythonDist: PYTHON_RESERVED.has(slug) ? `${slug}-app` : slug,
    pythonModule: identifier(slug, '_', PYTHON_KEYWORDS),
    goModule,
    crateName: crateIdent.replace(/_/g, '-'),
    crateIdent,
    javaPackage,
    javaPackagePath: javaPackage.replace(/\./g, '/'),
    javaArtifactId: slug,
    imageName: slug,
  };
}
