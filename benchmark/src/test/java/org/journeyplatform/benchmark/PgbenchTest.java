package org.journeyplatform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PgbenchTest {

    static final String OUTPUT = """
            pgbench (15.14 (Debian 15.14-0+deb12u1))
            transaction type: /work/main/target/bench/logs/append-insert.pgbench
            scaling factor: 1
            query mode: prepared
            number of clients: 4
            number of threads: 2
            maximum number of tries: 1
            duration: 30 s
            number of transactions actually processed: 41234
            number of failed transactions: 0 (0.000%)
            latency average = 2.910 ms
            initial connection time = 9.870 ms
            tps = 1374.466667 (without initial connection time)
            """;

    @Test
    void readsTheFigures() {
        Pgbench.Result r = Pgbench.parse(OUTPUT);
        assertThat(r.tps()).isEqualTo(1374.466667);
        assertThat(r.latencyAverageMs()).isEqualTo(2.910);
        assertThat(r.transactions()).isEqualTo(41234);
        assertThat(r.failed()).isZero();
    }

    @Test
    void failsWithoutTps() {
        assertThatThrownBy(() -> Pgbench.parse("pgbench: error: connection to server failed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connection to server failed");
    }

    @Test
    void theScriptHasNoAccidentalVariables() {
        // pgbench turns every :name into a variable; only :aid and :seq are meant
        var m = Pattern.compile(":([A-Za-z0-9_]+)").matcher(AppendScenario.pgbenchScript());
        while (m.find()) {
            assertThat(m.group(1)).isIn("aid", "seq");
        }
        assertThat(AppendScenario.pgbenchScript().lines().filter(l -> l.startsWith("INSERT")))
                .hasSize(1);
    }

    @Test
    void theEventIsShapedLikeThePlatformsEvents() {
        assertThat(AppendScenario.PAYLOAD.length()).isBetween(380, 420);
        assertThat(AppendScenario.META_DATA.length()).isBetween(55, 70);
        assertThat(AppendScenario.PAYLOAD).doesNotContain("'", "\\");
    }
}
