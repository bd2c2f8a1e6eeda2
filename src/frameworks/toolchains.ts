import type { Toolchain } from './types.js';

/** What each ecosystem's starters need on the machine; bootstrap checks these before running anything. */
export const nodeToolchain: readonly Toolchain[] = [
  { command: 'node', versionArgs: ['--version'], hint: 'Install Node.js 24 LTS (https://nodejs.org) or use nvm/fnm.' },
];
export const pythonToolchain: readonly Toolchain[] = [
  { command: 'python3', versionArgs: ['--version'], hint: 'Install Python 3.11 or newer (https://www.python.org/downloads/).' },
];
export const goToolchain: readonly Toolchain[] = [
  { command: 'go', versionArgs: ['version'], hint: 'Install Go 1.25 or newer (https://go.dev/dl/).' },
];
export const rustToolchain: readonly Toolchain[] = [
  { command: 'cargo', versionArgs: ['--version'], hint: 'Install Rust with rustup (https://rustup.rs).' },
];
export const jvmToolchain: readonly Toolchain[] = [
  { command: 'java', versionArgs: ['-version'], hint: 'Install a JDK 25 (https://adoptium.net): the Spring Boot starter targets Java 25; the Maven wrapper brings Maven.' },
];
