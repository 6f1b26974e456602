package org.journeyplatform.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.journeyplatform.api.support.ApiTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;

@DisplayName("The running platform's log")
@ExtendWith(OutputCaptureExtension.class)
class PlatformLogTest extends ApiTest {

    @Test
    @DisplayName("writes a failure's stack trace without the value PostgreSQL quoted, its detail or its context")
    void withholdsQuotedValues(CapturedOutput log) {
        PSQLException refusal = new PSQLException(
                "ERROR: invalid input syntax for type integer: \"Ama Example\"\n"
                        + "  Where: JSON data, line 1: {\"chosenName\":\"Ama Example",
                PSQLState.DATA_TYPE_MISMATCH);

        LoggerFactory.getLogger("org.axonframework.eventhandling.pooled.WorkPackage")
                .warn(
                        "Error while processing batch in Work Package [0]-[participant-timeline]. Aborting Work Package...",
                        new DataIntegrityViolationException(
                                "PreparedStatementCallback; SQL [INSERT ...]; " + refusal.getMessage(), refusal));

        assertThat(log.getAll())
                .contains(
                        "Aborting Work Package",
                        "DataIntegrityViolationException: PreparedStatementCallback; SQL [INSERT ...]; ERROR: invalid "
                                + "input syntax for type integer: \"...\" (detail withheld from the log)",
                        "Caused by: org.postgresql.util.PSQLException: ERROR: invalid input syntax",
                        "\tat org.journeyplatform.api.logging.PlatformLogTest")
                .doesNotContain("Ama", "JSON data");
    }
}
