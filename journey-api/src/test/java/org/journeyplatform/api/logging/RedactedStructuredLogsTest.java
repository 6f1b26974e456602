package org.journeyplatform.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.UncategorizedSQLException;

@DisplayName("A stack trace in a structured (JSON) log")
class RedactedStructuredLogsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ecs", "gelf", "logstash"})
    @DisplayName(
            "with the platform's configuration, keeps the classes, the statement and the kind of error, never the value"
                    + " or the detail, in the trace and in the message beside it, in each format Spring Boot writes")
    void withholdsTheValue(String format) throws Exception {
        // given the shipped application.yml, as an operator who turns JSON logs on gets it
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source :
                new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
            environment.getPropertySources().addLast(source);
        }
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "operator", Map.of("logging.structured.gelf.host", "journey", "spring.application.name", "j")));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        SQLException refusal = new PSQLException(
                "ERROR: invalid input syntax for type integer: \"Wren's secret\"\n"
                        + "  Detail: Key (participant_id)=(Wren Example) already exists.",
                PSQLState.DATA_TYPE_MISMATCH);
        RuntimeException wrapped = new IllegalStateException(
                "Exception occurred while processing events: " + refusal,
                new UncategorizedSQLException("PreparedStatementCallback", "INSERT INTO t VALUES (?)", refusal));

        // when
        String logged = new String(
                encoder.encode(new LoggingEvent(
                        RedactedStructuredLogsTest.class.getName(),
                        context.getLogger("test"),
                        Level.WARN,
                        "failed",
                        wrapped,
                        null)),
                StandardCharsets.UTF_8);

        // then
        assertThat(logged)
                .contains(
                        "IllegalStateException",
                        "UncategorizedSQLException",
                        "INSERT INTO t VALUES (?)",
                        "invalid input syntax for type integer",
                        "PSQLException")
                .doesNotContain("Wren", "secret", "Key (");
    }
}
