import type { FrameworkRecord } from './types.js';
import { jvmToolchain, jvmTools } from './toolchains.js';

export const springBoot: FrameworkRecord = {
  id: 'spring-boot',
  name: 'Spring Boot',
  language: 'java',
  ecosystem: 'jvm',
  sweetSpot: 'Large enterprise systems, deep ecosystem',
  watchOutFor: 'Verbosity and memory footprint',
  opinion: 'opinionated',
  openApi: true,
  defaultPort: 8080,
  deployTargets: ['containers', 'serverless'],
  commands: {
    install: './mvnw -B -q dependency:go-offline',
    test: './mvnw -B test',
    // Spotless with palantir-java-format (pom.xml says why).
    lint: './mvnw -B -q spotless:check',
    // No `exec`: pasted into a terminal, exec would replace the user's shell, which Ctrl-C then closes. The JVM exits 0
    // on SIGTERM (Application.java), so the command does too.
    start: './mvnw -B -q -DskipTests package && java -jar target/app.jar',
    // The build and the runtime interface client, in one script the README names (scripts/lambda-runtime.sh).
    lambda: 'sh scripts/lambda-runtime.sh',
  },
  // Rendered with the project's names: the handler class lives in the project's own Java package.
  lambdaHandler: '{{javaPackage}}.StreamLambdaHandler::handleRequest',
  resources: { cpuRequest: '250m', memoryRequest: '384Mi', memoryLimit: '768Mi' },
  toolchain: jvmToolchain,
  tools: jvmTools,
  features: {
    postgres: {
      // Flyway does not run at the server's start (Boot's default is switched off, README.md says why): the same jar
      // with the `migrate` profile applies src/main/resources/db/migration and exits.
      commands: { migrate: './mvnw -B -q -DskipTests package && java -jar target/app.jar --spring.profiles.active=migrate' },
      // The image's extracted layers (Dockerfile), started as its CMD starts them, with the migrate profile.
      imageMigrate: ['java', '-Dspring.profiles.active=migrate', 'org.springframework.boot.loader.launch.JarLauncher'],
      migrations: 'src/main/resources/db/migration/',
    },
  },
};
