package org.journeyplatform.api.instruments;

import java.util.List;
import org.journeyplatform.domain.shared.InstrumentCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The codes of every instrument ever defined: the event store's {@code Instrument} aggregates. */
@Component
public class DefinedInstruments {

    private final JdbcClient jdbc;

    public DefinedInstruments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<InstrumentCode> codes() {
        return jdbc
                .sql("SELECT DISTINCT aggregate_identifier FROM domain_event_entry WHERE type = 'Instrument' "
                        + "ORDER BY aggregate_identifier")
                .query(String.class)
                .list()
                .stream()
                .map(InstrumentCode::new)
                .toList();
    }
}
