/** Reads back what a generated template.yaml deploys, so the suite runs the function it names, not a guess. */
import fs from 'node:fs';
import YAML from 'yaml';

export interface SamFunction {
  logicalId: string;
  handler: string;
  runtime: string;
  codeUri: string;
  buildMethod?: string;
}

// CloudFormation's short-form intrinsics (!Sub, !Ref, ...) are tags YAML does not know; keep their values as data.
const intrinsics = ['Sub', 'Ref', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Equals', 'Not', 'And', 'Or', 'Base64', 'Cidr', 'GetAZs'].flatMap(
  (name) => ['scalar', 'seq', 'map'].map((collection) => ({ tag: `!${name}`, collection: collection === 'scalar' ? undefined : collection, resolve: (v: unknown) => ({ [name]: v }) })),
);

export function readSamFunction(file: string): SamFunction {
  const doc = YAML.parse(fs.readFileSync(file, 'utf8'), { customTags: intrinsics as never }) as {
    Globals?: { Function?: Record<string, unknown> };
    Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
  };
  const functions = Object.entries(doc.Resources ?? {}).filter(([, r]) => r.Type === 'AWS::Serverless::Function');
  if (functions.length !== 1) throw new Error(`${file}: expected one AWS::Serverless::Function, found ${functions.length}`);
  const [logicalId, resource] = functions[0]!;
  const props = { ...(doc.Globals?.Function ?? {}), ...(resource.Properties ?? {}) };
  return {
    logicalId,
    handler: String(props.Handler ?? ''),
    runtime: String(props.Runtime ?? ''),
    codeUri: String(props.CodeUri ?? '.'),
    buildMethod: resource.Metadata?.BuildMethod as string | undefined,
  };
}
