/**
 * Build step: a built-in template, parsed by Handlebars (whose parser also applies its whitespace control: standalone
 * lines, `~`, partial indentation), as the source of one plain JavaScript function for src/plan/render.ts. It covers
 * what the built-in templates use: text, `{{path}}` (strict: a missing last segment is an error), helpers and
 * sub-expressions with path, string, number and boolean arguments, `#if`/`#unless`/`#each` blocks with `else`
 * (and `else if`), partials by name or by `(lookup ...)`, indented when standalone, and comments. Anything else fails
 * the build with the template's line, rather than render differently from Handlebars: a `../` path, `@data`, hash
 * arguments, block parameters, triple-stash, decorators, partial blocks or partial arguments.
 * Why not Handlebars.precompile: its output needs Handlebars' runtime, whose load and per-template set-up were about a
 * tenth of a generation's CPU (src/plan/render.ts).
 */
import Handlebars from 'handlebars';

/** The block helpers a compiled template may use (render.ts implements Handlebars' built-in ones). */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each']);

interface Node {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}
interface PathNode extends Node {
  original: string;
  parts: string[];
  depth: number;
  data: boolean;
}
interface CallNode extends Node {
  path: PathNode | Node;
  params: Node[];
  hash?: { pairs: unknown[] };
}

const str = (value: string) => JSON.stringify(value);

/** The function's source text, `function(c,r){...}`; `helpers` are the names a template may call. */
export function compileTemplate(source: string, helpers: ReadonlySet<string>, name: string): string {
  const fail = (node: Node, what: string): never => {
    const at = node.loc ? `:${node.loc.start.line}:${node.loc.start.column + 1}` : '';
    throw new Error(`${name}${at}: ${what} is not supported by the built-in templates' compiler (src/build/compile-template.ts)`);
  };

  const path = (node: PathNode, strict: boolean): string => {
    if (node.data) fail(node, `@data (${node.original})`);
    if (node.depth > 0) fail(node, `a parent path (${node.original})`);
    if (node.parts.length === 0) return 'c';
    let expr = 'c';
    node.parts.forEach((part, k) => {
      expr = `${strict && k === node.parts.length - 1 ? 'r.s' : 'r.p'}(${expr},${str(part)})`;
    });
    return expr;
  };

  const helperName = (node: CallNode): string => {
    const head = node.path as PathNode;
    if (head.type !== 'PathExpression' || head.parts.length !== 1 || head.data || head.depth > 0) fail(node, `a helper named ${head.original ?? head.type}`);
    if (node.hash && node.hash.pairs.length > 0) fail(node, 'hash arguments');
    return head.parts[0]!;
  };

  const param = (node: Node): string => {
    switch (node.type) {
      case 'PathExpression':
        return path(node as PathNode, false);
      case 'StringLiteral':
        return str(node.value as string);
      case 'NumberLiteral':
      case 'BooleanLiteral':
        return String(node.value);
      case 'UndefinedLiteral':
        return 'void 0';
      case 'NullLiteral':
        return 'null';
      case 'SubExpression':
        return call(node as CallNode);
      default:
        return fail(node, `an argument of type ${node.type}`);
    }
  };

  const call = (node: CallNode): string => {
    const helper = helperName(node);
    if (!helpers.has(helper) && helper !== 'lookup') fail(node, `the helper "${helper}" (not one of ours)`);
    return `r.h(${str(helper)},c,[${node.params.map(param).join(',')}])`;
  };

  const program = (node: Node | undefined): string => {
    const parts = ((node?.body as Node[] | undefined) ?? []).flatMap(statement);
    return parts.length > 0 ? parts.join('+') : '""';
  };

  const statement = (node: Node): string[] => {
    switch (node.type) {
      case 'ContentStatement':
        return node.value ? [str(node.value as string)] : [];
      case 'CommentStatement':
        return [];
      case 'MustacheStatement': {
        const m = node as CallNode;
        if (m.escaped === false) fail(node, 'a triple-stash');
        if (m.path.type !== 'PathExpression') fail(node, `a ${m.path.type} mustache`);
        if (m.params.length === 0 && !(m.hash && m.hash.pairs.length > 0)) {
          // Handlebars would call a helper of that name with no arguments.
          const head = m.path as PathNode;
          if (head.parts.length === 1 && (helpers.has(head.parts[0]!) || head.parts[0] === 'lookup')) fail(node, `the helper "${head.parts[0]}" without arguments`);
          return [`r.o(${path(head, true)},c)`];
        }
        return [`r.n(${call(m)})`];
      }
      case 'BlockStatement': {
        const b = node as CallNode & { program: Node; inverse?: Node };
        const helper = helperName(b);
        if (!BLOCK_HELPERS.has(helper)) fail(node, `the block "${helper}"`);
        if ((b.program.blockParams as unknown[] | undefined)?.length) fail(node, 'block parameters');
        const inverse = b.inverse ? `,c=>${program(b.inverse)}` : '';
        return [`r.n(r.b(${str(helper)},c,[${b.params.map(param).join(',')}],c=>${program(b.program)}${inverse}))`];
      }
      case 'PartialStatement': {
        const p = node as Node & { name: PathNode | CallNode; params: Node[]; hash?: { pairs: unknown[] }; indent?: string };
        if (p.params.length > 0 || (p.hash && p.hash.pairs.length > 0)) fail(node, 'a partial with arguments');
        const partialName = p.name.type === 'SubExpression' ? call(p.name as CallNode) : str((p.name as PathNode).original);
        return [`r.n(r.i(${partialName},c${p.indent ? `,${str(p.indent)}` : ''}))`];
      }
      default:
        return fail(node, `a ${node.type}`);
    }
  };

  const ast = Handlebars.parse(source) as unknown as Node;
  // As Handlebars' compiled templates do: the text of the first expression, whatever its type.
  return `function(c,r){return""+(${program(ast)})}`;
}
