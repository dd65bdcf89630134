package org.bansou;

import java.util.List;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Empties every table bansou owns (not Flyway's history) before each test. */
public class CleanDatabase implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        JdbcClient jdbc = SpringExtension.getApplicationContext(context).getBean(JdbcClient.class);
        List<String> tables = jdbc.sql("""
                        SELECT quote_ident(tablename)
                          FROM pg_tables
                         WHERE schemaname = 'public'
                           AND tablename <> 'flyway_schema_history'
                        """)
                .query(String.class)
                .list();
        if (!tables.isEmpty()) {
            jdbc.sql("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE").update();
        }
    }
}
