package org.journeyplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Reading a stored event's time stamp")
class StoredInstantsTest {

    @Test
    @DisplayName("gives the instant Axon wrote, for any millisecond from 1900 to 2200")
    void readsWhatAxonWrote() {
        SplittableRandom random = new SplittableRandom(7);
        long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(from, to));
            String stamp = DateTimeUtils.formatInstant(instant);
            assertThat(StoredInstants.parse(stamp)).as(stamp).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-29T23:59:59.999Z",
                "2026-12-31T00:00:00.000Z",
                "2026-12-07T00:11:47.123456Z",
                "2026-12-07T00:11:47Z",
                "2026-12-07T01:11:47.123+01:00",
                "+10000-01-01T00:00:00.000Z",
                "2026-12-07t00:11:47.123z"
            })
    @DisplayName("gives what Axon's parser gives for leap days, other precisions, offsets and other forms")
    void agreesWithAxonOnOtherForms(String stamp) {
        assertThat(StoredInstants.parse(stamp)).isEqualTo(DateTimeUtils.parseInstant(stamp));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023-02-29T00:00:00.000Z",
                "2026-13-01T00:00:00.000Z",
                "2026-00-01T00:00:00.000Z",
                "2026-04-31T00:00:00.000Z",
                "2026-12-07T24:00:00.000Z",
                "2026-12-07T25:00:00.000Z",
                "2026-12-07T00:60:00.000Z",
                "2026-12-07T00:00:60.000Z",
                "2026-12-07T00:1a:47.123Z",
                "2026-12-07T00:11:47.1 3Z",
                "2026-1٢-07T00:11:47.123Z",
                "not a time stamp at all!"
            })
    @DisplayName("refuses what Axon's parser refuses, as it does")
    void refusesWhatAxonRefuses(String stamp) {
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(stamp)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredInstants.parse(stamp)).isInstanceOf(DateTimeParseException.class);
    }
}
