/**
 * The flags `update` honours. Any other is refused (exit 2) rather than accepted and ignored: update re-renders with
 * the recorded answers, so a --framework or --deploy given to it would silently mean nothing.
 */
import { OPTIONS, type OptionName, type ParsedOptions } from '../args.js';
import { usageError } from '../errors.js';
import { RECORD_FILE } from '../plan/record.js';

export const UPDATE_FLAGS: readonly OptionName[] = ['dry-run', 'json', 'templates', 'trust', 'yes', 'help', 'version'];

export function refuseUnsupportedFlags(command: string, options: ParsedOptions, supported: readonly OptionName[]): void {
  const given = (Object.keys(options) as OptionName[]).filter((name) => options[name] !== undefined && !supported.includes(name));
  if (given.length === 0) return;
  // As the user typed it: --no-install is parsed as install = false.
  const typed = (name: OptionName) => (OPTIONS[name].kind === 'boolean' && options[name] === false ? `--no-${name}` : `--${name}`);
  throw usageError(
    `${command} does not take ${given.map(typed).join(', ')}: it re-renders with the answers in ${RECORD_FILE} (edit that file to change one). It takes ${supported.filter((s) => s !== 'help' && s !== 'version').map((s) => `--${s}`).join(', ')}.`,
  );
}
