/**
 * Section 6b for Spring Boot: the starter's GET /invoices/<id> from PostgreSQL (Spring Data JDBC on HikariCP, its
 * request line per request) against a bare Spring Boot with the same driver and pool running the same query through
 * JdbcTemplate, nothing else (no Actuator, no Spring Data, no filter but its request line). Spring has no request
 * logging of its own that writes the contract's line, so the bare app writes it as the starter does (one
 * OncePerRequestFilter, Spring Boot's ECS structured logging on the console), as the Go and Axum bare servers log the
 * same line; it also runs with that line off, and so does the starter (RequestLogFilter at WARN): the second figure,
 * neither logging. The starter against the bare app without a line, the stricter figure this file printed first, is
 * kept as a third. The bare app is a Maven project written into the scratch folder with the starter's Spring Boot
 * parent version, built with the starter's Maven wrapper, so versions match; all run as `java -jar` on the same JDK,
 * with a pool of 10. Each server gets two load runs more than the others' before the measured one (the JIT's
 * warm-up, slower on a loaded machine), and the pairs are printed as section 4b prints its pairs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { CLI, freshDir, MINUTE, request, table } from './lib.mjs';
import { LOAD } from './starters.mjs';
import { PAIRED_HEADERS, pairedLoad } from './paired-load.mjs';

const QUERY = 'SELECT id, status FROM invoices WHERE id = ?';

const barePom = (bootVersion) => `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>${bootVersion}</version>
    <relativePath/>
  </parent>
  <groupId>bench</groupId>
  <artifactId>bare</artifactId>
  <version>0</version>
  <properties><java.version>25</java.version></properties>
  <dependencies>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-webmvc</artifactId></dependency>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-jdbc</artifactId></dependency>
    <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><scope>runtime</scope></dependency>
  </dependencies>
  <build>
    <finalName>bare</finalName>
    <plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins>
  </build>
</project>
`;

const bareApplication = `package bench;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/** One route, the starter's query through JdbcTemplate on Boot's HikariCP; one log line per request (logger "bench.request"). */
@SpringBootApplication
@RestController
public class BareApplication {

    private static final Logger requests = LoggerFactory.getLogger("bench.request");

    private final JdbcTemplate jdbc;

    public BareApplication(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/invoices/{id}")
    public ResponseEntity<Map<String, Object>> invoice(@PathVariable long id) {
        List<Map<String, Object>> rows = jdbc.query(${JSON.stringify(QUERY)},
                (rs, n) -> Map.<String, Object>of("id", rs.getLong(1), "status", rs.getString(2)), id);
        return rows.isEmpty() ? ResponseEntity.notFound().build() : ResponseEntity.ok(rows.get(0));
    }

    /** The contract's request line, the fields the starter's RequestLogFilter writes. */
    @Bean
    OncePerRequestFilter requestLine() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long start = System.nanoTime();
                try {
                    chain.doFilter(request, response);
                } finally {
                    requests.atInfo()
                            .addKeyValue("http.request.method", request.getMethod())
                            .addKeyValue("url.path", request.getRequestURI())
                            .addKeyValue("http.response.status_code", response.getStatus())
                            .addKeyValue("event.duration", (System.nanoTime() - start) / 1_000 * 1_000)
                            .log("request completed");
                }
            }
        };
    }

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args);
    }
}
`;

/** postgres://user@host:port/db -> the bare app's spring.datasource.* arguments (no password: the harness trusts). */
function jdbcArgs(databaseUrl) {
  const u = new URL(databaseUrl);
  return `--spring.datasource.url=jdbc:postgresql://${u.host}${u.pathname} --spring.datasource.username=${decodeURIComponent(u.username)} --spring.datasource.hikari.maximum-pool-size=10`;
}

export async function springBootThroughput({ e, server, scratch, quick, rounds: roundsAsked }) {
  const env = { ...e.toolEnv(), DATABASE_URL: await server.createDatabase('bench_spring_boot') };
  const root = freshDir('db-projects-spring-boot');
  execFileSync(process.execPath, [CLI, 'invoice-api', '--framework', 'spring-boot', '--database', 'postgres', '--yes', '--no-install', '--no-git'], { cwd: root, stdio: 'ignore' });
  const dir = path.join(root, 'invoice-api');
  const listed = JSON.parse(execFileSync(process.execPath, [CLI, 'list', '--json'], { encoding: 'utf8' })).find((f) => f.id === 'spring-boot');
  for (const command of [listed.commands.install, listed.commands.migrate]) {
    const r = await e.runShell(command, { cwd: dir, env, timeoutMs: 15 * MINUTE });
    if (r.code !== 0) throw new Error(e.describeRun(command, r));
  }
  const pom = fs.readFileSync(path.join(dir, 'pom.xml'), 'utf8');
  const bootVersion = /<artifactId>spring-boot-starter-parent<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)[1];
  // The pom's groupId is the project's Java package (templates/spring-boot/base/pom.xml.hbs).
  const javaPackage = /<\/parent>\s*<groupId>([^<]+)<\/groupId>/.exec(pom)[1];

  const bareDir = freshDir('db-bare-spring-boot');
  fs.mkdirSync(path.join(bareDir, 'src/main/java/bench'), { recursive: true });
  fs.writeFileSync(path.join(bareDir, 'pom.xml'), barePom(bootVersion));
  fs.writeFileSync(path.join(bareDir, 'src/main/java/bench/BareApplication.java'), bareApplication);
  const build = `./mvnw -B -q -f '${bareDir}/pom.xml' -DskipTests package`;
  const built = await e.runShell(build, { cwd: dir, env, timeoutMs: 15 * MINUTE });
  if (built.code !== 0) throw new Error(e.describeRun(build, built));

  const [{ id }] = await server.query('bench_spring_boot', "INSERT INTO invoices (status) VALUES ('paid') RETURNING id::int AS id");
  const bareCommand = `exec java -jar '${bareDir}/target/bare.jar' ${jdbcArgs(env.DATABASE_URL)} --logging.structured.format.console=ecs`;
  const commandOf = {
    starter: 'exec java -jar target/app.jar',
    'bare, request lines': bareCommand,
    'starter, no request lines': `exec java -jar target/app.jar --logging.level.${javaPackage}.RequestLogFilter=WARN`,
    bare: `${bareCommand} --logging.level.bench.request=WARN`,
  };
  const rounds = roundsAsked ?? (quick ? 1 : 3);
  const { rows, notes } = await pairedLoad({
    e, scratch, cwd: dir, env, id, commandOf, rounds, logs: freshDir('db-logs-spring-boot'),
    extraEnv: (port) => ({ SERVER_PORT: String(port) }),
    startTimeoutMs: 3 * MINUTE,
    intervalMs: 100,
    // The JVM compiles the hot path over its first seconds (more of them on a loaded machine): two load runs,
    // thrown away, before the measured one.
    discardedRuns: 2,
    comparisons: [
      { kind: 'starter', against: 'bare, request lines', goal: 'within -5% (both log the contract\'s line per request)' },
      { kind: 'starter, no request lines', against: 'bare', goal: 'second figure: neither logs a line per request' },
      { kind: 'starter', against: 'bare', goal: 'third: the bare app logs nothing (stricter than the contract)' },
    ],
  });
  table(
    `6b. Spring Boot: throughput on GET /invoices/${id} from PostgreSQL ${server.major}, ${LOAD.connections} keep-alive connections, two discarded load runs + ${LOAD.warmupS} s warm-up + ${LOAD.durationS} s measured, ${rounds} round(s) rotating the order`,
    PAIRED_HEADERS,
    rows,
    [
      ...notes,
      `starter: Spring Data JDBC (InvoiceRepository.findById), HikariCP of 10, RequestLogFilter's JSON line per request; bare: ${bareDir} (Spring Boot ${bootVersion}, spring-boot-starter-webmvc + spring-boot-starter-jdbc, one @RestController running "${QUERY}" through JdbcTemplate on HikariCP of 10, no Actuator, one OncePerRequestFilter writing the starter's ECS request line, off in \`bare\`); all \`java -jar\` on ${env.JAVA_HOME ?? 'the JDK on PATH'}.`,
    ],
  );
}
