/**
 * Reads back what a generated k8s/ folder gives the container, so the suite runs a starter the way its Deployment
 * would: with the Deployment's environment (values, the Downward API, Secrets), called by the Service's host name.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import YAML from 'yaml';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    secretKeyRef?: { name: string; key: string };
  };
}

export interface PodEnvironment {
  /** Every variable the container gets, in the Deployment's order, with `$(VAR)` references expanded. */
  env: Record<string, string>;
  /** The variables that come from a Secret (filled here with fresh random values). */
  fromSecrets: string[];
}

/** What the Downward API gives a pod here: the namespace the e2e pretends to deploy into and a loopback pod IP. */
export const POD = { namespace: 'default', podIP: '127.0.0.1', name: 'e2e-pod' } as const;
const FIELDS: Record<string, string> = { 'metadata.namespace': POD.namespace, 'metadata.name': POD.name, 'status.podIP': POD.podIP };

export function readPodEnvironment(deploymentFile: string): PodEnvironment {
  const doc = YAML.parse(fs.readFileSync(deploymentFile, 'utf8')) as { spec: { template: { spec: { containers: { env?: EnvVar[] }[] } } } };
  const containers = doc.spec.template.spec.containers;
  if (containers.length !== 1) throw new Error(`${deploymentFile}: expected one container, found ${containers.length}`);
  const env: Record<string, string> = {};
  const fromSecrets: string[] = [];
  for (const variable of containers[0]!.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = expand(variable.value, env);
    else if (variable.valueFrom?.fieldRef) {
      const value = FIELDS[variable.valueFrom.fieldRef.fieldPath];
      if (value === undefined) throw new Error(`${deploymentFile}: ${variable.name} reads ${variable.valueFrom.fieldRef.fieldPath}, which this suite does not fill`);
      env[variable.name] = value;
    } else if (variable.valueFrom?.secretKeyRef) {
      // A Secret's value is the user's; a fresh random one per run, as long as a strong key (64 characters).
      env[variable.name] = crypto.randomBytes(48).toString('base64url');
      fromSecrets.push(variable.name);
    } else throw new Error(`${deploymentFile}: ${variable.name} has neither a value nor a source this suite knows`);
  }
  return { env, fromSecrets };
}

/** Kubernetes' dependent variables: `$(NAME)` of a variable defined earlier is replaced, `$$` escapes, others stay. */
function expand(value: string, defined: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name?: string) => (name === undefined ? '$' : (defined[name] ?? whole)));
}

/** The Service's name: the host name other workloads in the cluster call the starter by. */
export function readServiceName(serviceFile: string): string {
  const doc = YAML.parse(fs.readFileSync(serviceFile, 'utf8')) as { kind: string; metadata: { name: string } };
  if (doc.kind !== 'Service') throw new Error(`${serviceFile}: expected a Service, found ${doc.kind}`);
  return doc.metadata.name;
}

/** Every name a client in the cluster may use for the Service (the short name needs the same namespace). */
export function serviceHostNames(service: string): string[] {
  return [service, `${service}.${POD.namespace}`, `${service}.${POD.namespace}.svc`, `${service}.${POD.namespace}.svc.cluster.local`];
}
