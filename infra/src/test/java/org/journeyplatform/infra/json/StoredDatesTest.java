package org.journeyplatform.infra.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The days of stored events, read without a formatter")
class StoredDatesTest {

    private static final ObjectMapper STORED = EventObjectMappers.create();
    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private record Dated(LocalDate on) {}

    @Test
    @DisplayName("reads every day from 1900 to 2100 as Jackson's own reader does")
    void readsEveryDayAsJacksonDoes() throws Exception {
        for (LocalDate day = LocalDate.of(1900, 1, 1); day.isBefore(LocalDate.of(2101, 1, 1)); day = day.plusDays(1)) {
            String json = "\"" + day + "\"";
            assertThat(STORED.readValue(json, LocalDate.class))
                    .isEqualTo(day)
                    .isEqualTo(JACKSON.readValue(json, LocalDate.class));
        }
    }

    @Test
    @DisplayName("reads a day inside a record, and a missing one as null")
    void readsDaysInRecords() throws Exception {
        assertThat(STORED.readValue("{\"on\":\"2024-02-29\"}", Dated.class))
                .isEqualTo(new Dated(LocalDate.of(2024, 2, 29)));
        assertThat(STORED.readValue("{\"on\":null}", Dated.class)).isEqualTo(new Dated(null));
    }

    @Test
    @DisplayName("leaves other forms to Jackson's reader, with its answers")
    void leavesOtherFormsToJackson() throws Exception {
        for (String json : new String[] {"\"2024-03-01T10:15:30\"", "\" 2024-03-01 \"", "[2024,3,1]", "19783"}) {
            assertThat(STORED.readValue(json, LocalDate.class))
                    .as(json)
                    .isEqualTo(JACKSON.readValue(json, LocalDate.class));
        }
    }

    @Test
    @DisplayName("refuses an impossible or malformed day as Jackson's reader does")
    void refusesImpossibleDays() {
        for (String text : new String[] {
            "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "2024/03/01", "abcd-ef-gh", "2024-03-1x"
        }) {
            String json = "\"" + text + "\"";
            assertThatThrownBy(() -> STORED.readValue(json, LocalDate.class))
                    .as(text)
                    .isInstanceOf(InvalidFormatException.class);
            assertThatThrownBy(() -> JACKSON.readValue(json, LocalDate.class))
                    .as(text)
                    .isInstanceOf(InvalidFormatException.class);
        }
    }
}
