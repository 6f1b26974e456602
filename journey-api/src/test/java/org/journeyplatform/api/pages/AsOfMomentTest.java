package org.journeyplatform.api.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The participant page's \"as known on\" moment")
class AsOfMomentTest {

    @Test
    @DisplayName("is the end of the day given, or the moment given")
    void read() {
        assertThat(StaffPagesController.asOfMoment("2025-01-31"))
                .isEqualTo(Instant.parse("2025-01-31T23:59:59.999999Z"));
        assertThat(StaffPagesController.asOfMoment("2025-01-31T12:00:00Z"))
                .isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
    }

    @Test
    @DisplayName("is none (the page then says what it takes) for text that is no date, or a date with no next day, "
            + "never an error page")
    void none() {
        for (String text :
                new String[] {"yesterday", "+999999999-12-31", "-999999999-01-01", "1899-12-31", "2025-02-30"}) {
            assertThat(StaffPagesController.asOfMoment(text)).as(text).isNull();
        }
    }
}
