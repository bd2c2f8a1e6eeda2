/**
 * Is each program a starter needs on the machine, and new enough? Pure apart from the `probe` it is given (which
 * runs `command versionArgs`): the version is read from what the tool prints, and a problem is one sentence saying
 * what was found, what is needed and how to get it.
 */
import type { Toolchain } from './frameworks/types.js';

/** What running `command versionArgs` gave: its output, or undefined when there is no such program. */
export type Probe = (tool: Toolchain) => Promise<string | undefined>;

export interface ToolchainFinding {
  tool: Toolchain;
  /** The version found; undefined when the program is missing or printed no version we can read. */
  found?: string;
  present: boolean;
  ok: boolean;
  /** One sentence, when not ok. */
  problem?: string;
}

export function parseVersion(tool: Toolchain, output: string): string | undefined {
  return tool.versionPattern.exec(output)?.[1];
}

/** Numeric, part by part: "1.9" < "1.10"; a missing part counts as 0 ("24" = "24.0.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export function assess(tool: Toolchain, output: string | undefined): ToolchainFinding {
  const needed = `${tool.name} ${tool.minimum} or newer`;
  if (output === undefined) {
    return { tool, present: false, ok: false, problem: `${tool.command} was not found on PATH, and this project needs ${needed}: ${tool.hint}.` };
  }
  const found = parseVersion(tool, output);
  // A build that prints no version we can read (a development build, say) is given the benefit of the doubt.
  if (found === undefined || compareVersions(found, tool.minimum) >= 0) return { tool, found, present: true, ok: true };
  return {
    tool,
    found,
    present: true,
    ok: false,
    problem: `Found ${tool.name} ${found} (${tool.command}), but this project needs ${needed}: ${tool.hint}.`,
  };
}

export async function checkToolchains(tools: readonly Toolchain[], probe: Probe): Promise<ToolchainFinding[]> {
  return Promise.all(tools.map(async (tool) => assess(tool, await probe(tool))));
}
