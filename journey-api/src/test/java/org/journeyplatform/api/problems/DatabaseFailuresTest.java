package org.journeyplatform.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

@DisplayName("What the database said, read from an exception's causes")
class DatabaseFailuresTest {

    @Test
    @DisplayName(
            "a connection the pool closed under a statement (a plain SQLException without a state) is unavailable, "
                    + "however deeply wrapped")
    void closedByThePool() {
        SQLException closed = new SQLException("Connection is closed");
        assertThat(DatabaseFailures.unavailable(
                        new CompletionException(new UncategorizedSQLException("query", "SELECT 1", closed))))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new TransactionSystemException("rollback", closed)))
                .isTrue();
    }

    @Test
    @DisplayName("connection failures and an administrator's termination are unavailable; a broken query is not")
    void byState() {
        assertThat(DatabaseFailures.unavailable(new SQLException("io", "08006")))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("terminating", "57P01")))
                .isTrue();
        assertThat(DatabaseFailures.unavailable(new CompletionException(new SQLException("syntax", "42601"))))
                .isFalse();
        assertThat(DatabaseFailures.unavailable(new IllegalStateException("a bug")))
                .isFalse();
    }

    @Test
    @DisplayName("the log is told the causes' classes and SQL states, never their messages")
    void causes() {
        String causes = DatabaseFailures.causes(new CompletionException(
                new UncategorizedSQLException("query", "SELECT 1", new SQLException("her name", "08006"))));
        assertThat(causes)
                .isEqualTo("org.springframework.jdbc.UncategorizedSQLException < java.sql.SQLException [08006]");
        assertThat(causes).doesNotContain("her name");
    }
}
