package org.bansou.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** Chooses the database: the external one when {@code bansou.db.url} is set, else the embedded one. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(@Value("${bansou.db.url:}") String url,
                          @Value("${bansou.db.user:}") String user,
                          @Value("${bansou.db.password:}") String password,
                          @Value("${bansou.home:./bansou-data}") String home,
                          @Value("${bansou.db.ephemeral:false}") boolean ephemeral,
                          @Value("${bansou.db.pool-size:10}") int poolSize) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("bansou");
        pool.setMaximumPoolSize(poolSize);
        if (StringUtils.hasText(url)) {
            pool.setJdbcUrl(url);
            pool.setUsername(user);
            pool.setPassword(password);
        } else {
            EmbeddedDatabase embedded = ephemeral ? EmbeddedDatabase.throwAway() : EmbeddedDatabase.keptIn(home);
            pool.setJdbcUrl(embedded.jdbcUrl());
            pool.setUsername("postgres");
        }
        return pool;
    }
}
