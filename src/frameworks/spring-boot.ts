import type { FrameworkRecord } from './types.js';
import { jvmToolchain } from './toolchains.js';

export const springBoot: FrameworkRecord = {
  id: 'spring-boot',
  name: 'Spring Boot',
  language: 'java',
  ecosystem: 'jvm',
  sweetSpot: 'Large enterprise systems, deep ecosystem',
  watchOutFor: 'Verbosity and memory footprint',
  opinion: 'opinionated',
  defaultPort: 8080,
  deployTargets: ['containers', 'serverless'],
  commands: {
    install: './mvnw -B -q dependency:go-offline',
    test: './mvnw -B test',
    // Spotless with palantir-java-format (pom.xml says why).
    lint: './mvnw -B -q spotless:check',
    // exec: the JVM replaces the shell, so the process listening on the port is the one the start command ran.
    start: './mvnw -B -q -DskipTests package && exec java -jar target/app.jar',
    lambda:
      'make build-ApiFunction ARTIFACTS_DIR="$PWD/.aws-sam/build/ApiFunction" >&2 && make lambda-emulator-runtime >&2' +
      ' && cd .aws-sam/build/ApiFunction && export LAMBDA_TASK_ROOT="$PWD"' +
      ' && exec java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -cp "$PWD/../../lambda-emulator-runtime/*" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$_HANDLER"',
  },
  // Rendered with the project's names: the handler class lives in the project's own Java package.
  lambdaHandler: '{{javaPackage}}.StreamLambdaHandler::handleRequest',
  resources: { cpuRequest: '250m', memoryRequest: '384Mi', memoryLimit: '768Mi' },
  toolchain: jvmToolchain,
};
