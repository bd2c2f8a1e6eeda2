import type { FrameworkRecord } from './types.js';
import { jvmToolchain } from './toolchains.js';

// No starter yet: deployTargets stays empty until templates/spring-boot/ keeps the contract under the e2e harness.
export const springBoot: FrameworkRecord = {
  id: 'spring-boot',
  name: 'Spring Boot',
  language: 'java',
  ecosystem: 'jvm',
  sweetSpot: 'Large enterprise systems, deep ecosystem',
  watchOutFor: 'Verbosity and memory footprint',
  opinion: 'opinionated',
  defaultPort: 8080,
  deployTargets: [],
  commands: {
    install: './mvnw -q dependency:go-offline',
    test: './mvnw test',
    start: './mvnw spring-boot:run',
    lambda: '',
  },
  lambdaHandler: '',
  resources: { cpuRequest: '250m', memoryRequest: '384Mi', memoryLimit: '768Mi' },
  toolchain: jvmToolchain,
};
