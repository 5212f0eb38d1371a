package io.storefront.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.storefront.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class BinaryResultsTests extends IntegrationTest {

    @Autowired
    BinaryResults binary;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    /**
     * pgjdbc prepares a statement on the server (and asks for binary results) from its first execution only where
     * {@code prepareThreshold} is -1: the rollup reads, not every statement of the service.
     */
    @Test
    void only_the_rollup_reads_are_prepared_for_binary_results_from_their_first_execution() {
        transactions.executeWithoutResult(status -> {
            binary.jdbc.sql("select 424242 as rollup_read").query(Integer.class).single();
            jdbc.sql("select 434343 as any_other_read").query(Integer.class).single();

            assertThat(jdbc.sql("select statement from pg_prepared_statements where statement like '%4%4%4%'")
                    .query(String.class).list())
                    .anyMatch(statement -> statement.contains("424242"))
                    .noneMatch(statement -> statement.contains("434343"));
        });
    }
}
