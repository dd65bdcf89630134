package org.bansou.usage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.bansou.BansouApplication;
import org.bansou.account.Accounts;
import org.bansou.bench.BenchOptions;
import org.bansou.bench.Benchmark;
import org.bansou.security.ApiKeys;
import org.postgresql.PGConnection;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code bench ingest --events N}: how fast usage arrives over the tracking API compared with the fastest
 * way PostgreSQL can take the same rows. Both run in one go on a scratch PostgreSQL (same version and
 * settings as the embedded one, durable commits on), so the user's data is never touched:
 * <ol>
 * <li>{@code COPY} of the N rows over one connection into the tables the server writes them to (
 * {@code usage_event} with its indexes, and {@code usage_message_id}): the ceiling;</li>
 * <li>the same N events as Segment batches over HTTP from several client threads to a bansou server started
 * in this JVM, each answered only after commit, with dedupe, account lookup and the daily rollups, until
 * the rollup has counted them all.</li>
 * </ol>
 * Options: {@code --events} (200000), {@code --accounts} (1000), {@code --users} per account (20),
 * {@code --batch-kb} largest batch in KB (450), {@code --threads} client threads (4), {@code --warmup} events
 * (N/10, at most 50000; sent in batches of 16 KB), {@code --statements} N: list the N statements PostgreSQL spent most time on in the HTTP
 * run (loads pg_stat_statements into the scratch server, which costs a little; off by default).
 */
@Component
class IngestBenchmark implements Benchmark {

    private static final String[] FEATURES = {"Login", "Dashboard Viewed", "Report Exported", "Invoice Sent",
            "Invoice Created", "Customer Added", "Search", "Settings Changed", "File Uploaded", "Comment Added",
            "Task Completed", "Export Scheduled"};

    private static final int WARMUP_BATCH_BYTES = 16 * 1024;

    /** Wall-clock seconds of a run, and the CPU seconds PostgreSQL and this JVM spent in it. */
    private record Timed(double seconds, double postgresCpu, double jvmCpu) {
        static Timed since(long startedNanos, double[] cpuBefore, int postgresPort) {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            double[] cpu = cpuSeconds(postgresPort);
            return new Timed(seconds, cpu[1] - cpuBefore[1], cpu[0] - cpuBefore[0]);
        }
    }

    private record Row(long accountId, String accountExternalId, String userId, String event, Instant ts,
                       String messageId, String properties) {
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String usage() {
        return "ingest --events N [--accounts N --users N --batch-kb N --threads N --warmup N --statements N]:"
                + " Segment batches over HTTP against a COPY of the same rows";
    }

    @Override
    public void run(BenchOptions options, PrintStream out) {
        options.allowOnly("events", "accounts", "users", "batch-kb", "threads", "warmup", "statements");
        int events = options.positive("events", 200_000);
        int statements = options.names().contains("statements") ? options.positive("statements", 20) : 0;
        try {
            measure(events, options.positive("accounts", 1000), options.positive("users", 20),
                    options.positive("batch-kb", 450), options.positive("threads", 4),
                    options.positive("warmup", Math.max(1, Math.min(events / 10, 50_000))), statements, out);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("bench ingest failed: " + e.getMessage(), e);
        }
    }

    private void measure(int events, int accountCount, int usersPerAccount, int batchKilobytes, int threads,
                         int warmup, int statements, PrintStream out) throws Exception {
        out.printf("bench ingest: %,d events, %,d accounts × %d users, batches up to %d KB, %d client threads%n",
                events, accountCount, usersPerAccount, batchKilobytes, threads);

        // zonky turns synchronous_commit off by default; an answer 200 must mean the events are on disk
        EmbeddedPostgres.Builder scratchServer = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB");
        if (statements > 0) {
            scratchServer.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "all");
        }
        try (EmbeddedPostgres scratch = scratchServer.start();
             ConfigurableApplicationContext server = new SpringApplicationBuilder(BansouApplication.class)
                     .web(WebApplicationType.SERVLET)
                     .bannerMode(Banner.Mode.OFF)
                     .run("--server.port=0", "--bansou.command=bench-server",
                             "--bansou.db.url=" + scratch.getJdbcUrl("postgres", "postgres"),
                             "--bansou.db.user=postgres", "--bansou.db.password=",
                             "--logging.level.root=WARN")) {
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();
            List<String> externalIds = IntStream.rangeClosed(1, accountCount)
                    .mapToObj(i -> "bench-%05d".formatted(i)).toList();
            Map<String, Long> accountIds = server.getBean(Accounts.class).ensureUnmapped(externalIds);
            String writeKey = server.getBean(ApiKeys.class).issue("bench ingest", ApiKeys.Scope.INGEST, null).secret();
            String url = scratch.getJdbcUrl("postgres", "postgres");

            UsageDaily daily = server.getBean(UsageDaily.class);
            List<Row> warm = rows(warmup, externalIds, accountIds, usersPerAccount, "warm", 1);
            copy(url, copyData(warm), scratch.getPort());
            // in small batches, so many requests: the JIT compiles code run once per request (COPY lines, batch
            // reading) only after some hundreds of calls, as a server up for a while has long done; with the
            // warm-up in large batches that compiling fell inside the timed run
            send(port, writeKey, bodies(warm, WARMUP_BATCH_BYTES), threads, scratch.getPort(), daily);
            emptyUsage(url);

            // both forms of the rows are made before either clock runs, and the rows themselves dropped: the
            // garbage collector then has only what each side is sending to look after while it is timed
            List<Row> measured = rows(events, externalIds, accountIds, usersPerAccount, "run", 2);
            byte[][] copyData = copyData(measured);
            List<byte[]> bodies = bodies(measured, batchKilobytes * 1024);
            measured = null;
            System.gc();
            Timed copy = copy(url, copyData, scratch.getPort());
            copyData = null;
            emptyUsage(url);
            System.gc();
            if (statements > 0) {
                exec(url, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                exec(url, "SELECT pg_stat_statements_reset()");
            }
            Timed http = send(port, writeKey, bodies, threads, scratch.getPort(), daily);
            long stored = count(url, "SELECT count(*) FROM usage_event");
            if (stored != events) {
                throw new IllegalStateException("the server stored " + stored + " of " + events + " events");
            }
            long counted = count(url, "SELECT COALESCE(sum(events), 0) FROM usage_daily");
            if (counted != events) {
                throw new IllegalStateException("the daily rollup counted " + counted + " of " + events + " events");
            }

            double copyRate = events / copy.seconds();
            double httpRate = events / http.seconds();
            out.printf("ingest.copy: %.0f events/s (%.2f s)%n", copyRate, copy.seconds());
            out.printf("ingest.http: %.0f events/s (%.2f s)%n", httpRate, http.seconds());
            out.printf("ingest.ratio: %.2f http/copy%n", httpRate / copyRate);
            // on a shared machine the rates move with the neighbours' load; the CPU each side used does not
            out.printf("ingest.copy.cpu: %.2f s PostgreSQL, %.2f s JVM%n", copy.postgresCpu(), copy.jvmCpu());
            out.printf("ingest.http.cpu: %.2f s PostgreSQL, %.2f s JVM (server, rollup and clients)%n",
                    http.postgresCpu(), http.jvmCpu());
            if (statements > 0) {
                printStatements(url, statements, out);
            }
        }
    }

    /** Where PostgreSQL's time went on the HTTP side: its costliest statements, by total execution time. */
    private static void printStatements(String url, int limit, PrintStream out) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             var statement = connection.prepareStatement("""
                     SELECT round(total_exec_time) AS ms, calls, rows, shared_blks_hit + shared_blks_read AS blocks,
                            left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
                       FROM pg_stat_statements
                      WHERE query NOT LIKE '%pg_stat_statements%'
                      ORDER BY total_exec_time DESC
                      LIMIT ?
                     """)) {
            statement.setInt(1, limit);
            try (var result = statement.executeQuery()) {
                out.println("ingest.http.statements (ms, calls, rows, blocks, statement):");
                while (result.next()) {
                    out.printf("%9d %7d %9d %9d  %s%n", result.getLong("ms"), result.getLong("calls"),
                            result.getLong("rows"), result.getLong("blocks"), result.getString("query"));
                }
            }
        }
    }

    /** CPU seconds used so far by this JVM and by the scratch PostgreSQL (its postmaster and backends). */
    private static double[] cpuSeconds(int postgresPort) {
        double jvm = cpu(ProcessHandle.current());
        double postgres = ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments()
                        .map(args -> String.join(" ", args).contains("-p " + postgresPort)).orElse(false))
                .flatMap(postmaster -> java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster),
                        postmaster.descendants()))
                .mapToDouble(IngestBenchmark::cpu)
                .sum();
        return new double[] {jvm, postgres};
    }

    private static double[] since(double[] before, int postgresPort) {
        double[] now = cpuSeconds(postgresPort);
        return new double[] {now[0] - before[0], now[1] - before[1]};
    }

    private static double cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private static List<Row> rows(int n, List<String> externalIds, Map<String, Long> accountIds, int usersPerAccount,
                                  String run, long seed) {
        Random random = new Random(seed);
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String externalId = externalIds.get(random.nextInt(externalIds.size()));
            String userId = externalId + "-u" + random.nextInt(usersPerAccount);
            String event = FEATURES[random.nextInt(FEATURES.length)];
            String properties = "{\"plan\":\"standard\",\"duration_ms\":" + random.nextInt(5000)
                    + ",\"source\":\"web\"}";
            rows.add(new Row(accountIds.get(externalId), externalId, userId, event,
                    now.minusMillis(random.nextInt(3_600_000)), run + "-" + i + "-" + Long.toHexString(random.nextLong()),
                    properties));
        }
        return rows;
    }

    /** Segment batch bodies of up to {@code batchBytes}, as the Segment library fills a batch up to 90% of 500 KB. */
    private static List<byte[]> bodies(List<Row> rows, int batchBytes) {
        List<byte[]> bodies = new ArrayList<>();
        int from = 0;
        while (from < rows.size()) {
            int count = Math.min(rows.size() - from, batchBytes / 200);
            byte[] body = batchBody(rows.subList(from, from + count));
            while (body.length > batchBytes) {
                count = count * 9 / 10;
                body = batchBody(rows.subList(from, from + count));
            }
            bodies.add(body);
            from += count;
        }
        return bodies;
    }

    /**
     * Sends the batches, several requests at a time, each answered after commit; the time ends when the daily
     * rollup (running every second meanwhile) has counted the last of them, so a rollup that falls behind shows.
     */
    private static Timed send(int port, String writeKey, List<byte[]> bodies, int threads, int postgresPort,
                              UsageDaily daily) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + port + "/v1/batch");
        String authorization = "Basic "
                + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        AtomicInteger next = new AtomicInteger();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> senders = new ArrayList<>();
        double[] cpu = cpuSeconds(postgresPort);
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .header("Authorization", authorization)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                            .build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                        }
                    } catch (Exception e) {
                        failures.add(e);
                        return;
                    }
                }
            }, "bench-sender-" + t);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        daily.catchUp();
        Timed timed = Timed.since(started, cpu, postgresPort);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a batch failed", failures.get(0));
        }
        return timed;
    }

    private static byte[] batchBody(List<Row> rows) {
        StringBuilder body = new StringBuilder(rows.size() * 260).append("{\"sentAt\":\"")
                .append(DateTimeFormatter.ISO_INSTANT.format(Instant.now())).append("\",\"batch\":[");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            body.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"track\",\"messageId\":\"").append(row.messageId())
                    .append("\",\"userId\":\"").append(row.userId())
                    .append("\",\"event\":\"").append(row.event())
                    .append("\",\"timestamp\":\"").append(DateTimeFormatter.ISO_INSTANT.format(row.ts()))
                    .append("\",\"context\":{\"groupId\":\"").append(row.accountExternalId())
                    .append("\",\"library\":{\"name\":\"bansou-bench\",\"version\":\"1\"}}")
                    .append(",\"properties\":").append(row.properties()).append('}');
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The rows in COPY text format: their message ids, and the events. */
    private static byte[][] copyData(List<Row> rows) {
        ByteArrayOutputStream ids = new ByteArrayOutputStream(rows.size() * 30);
        ByteArrayOutputStream data = new ByteArrayOutputStream(rows.size() * 200);
        Instant received = Instant.now();
        for (Row row : rows) {
            ids.writeBytes((row.messageId() + "\n").getBytes(StandardCharsets.UTF_8));
            String line = row.accountId() + "\t" + row.userId() + "\t\\N\ttrack\t" + row.event() + "\t" + row.ts()
                    + "\t" + received + "\t" + row.messageId() + "\t" + row.properties().replace("\\", "\\\\") + "\n";
            data.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        return new byte[][] {ids.toByteArray(), data.toByteArray()};
    }

    /**
     * COPYs the rows over one connection, in one transaction, into what the server writes for them: the
     * events into usage_event (same partitions and indexes) and their ids into usage_message_id, which keeps
     * message ids unique across the partitions as an index would.
     */
    private static Timed copy(String url, byte[][] data, int postgresPort) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            double[] cpu = cpuSeconds(postgresPort);
            long started = System.nanoTime();
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY usage_message_id (message_id) FROM STDIN", new ByteArrayInputStream(data[0]));
            copy.copyIn("""
                    COPY usage_event (account_id, user_id, anonymous_id, type, event, ts, received_at, message_id,
                                      properties)
                    FROM STDIN""", new ByteArrayInputStream(data[1]));
            connection.commit();
            return Timed.since(started, cpu, postgresPort);
        }
    }

    /** Empties the usage tables of the scratch database between runs, keeping the monthly partitions. */
    private static void emptyUsage(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE usage_event, usage_message_id, usage_daily, usage_daily_user, usage_user,"
                    + " usage_rejection, usage_intake");
            statement.execute("CHECKPOINT");
        }
    }

    private static void exec(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
