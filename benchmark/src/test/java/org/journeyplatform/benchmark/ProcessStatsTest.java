package org.journeyplatform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    @Test
    void parsesAStatLineWhoseCommandHasSpacesAndParentheses() {
        String line = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 75 12 8 20 0 35 0 123 456 789";
        ProcessStats.Stat s = ProcessStats.parseStat(line);
        assertThat(s.comm()).isEqualTo("my (odd) name");
        assertThat(s.ticks()).isEqualTo(325);
        assertThat(s.reapedChildrenTicks()).isEqualTo(20);
    }

    @Test
    void parsesTheMachineLine() {
        long[] t = ProcessStats.parseProcStat("cpu  11936 10 5269 73320 358 1 271 2 0 0");
        assertThat(t[0]).isEqualTo(11936 + 10 + 5269 + 1 + 271 + 2);
        assertThat(t[1]).isEqualTo(t[0] + 73320 + 358);
    }

    @Test
    void readsThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcessStats.peakRssKiB(pid)).isPositive();
        assertThat(ProcessStats.rssKiB(pid)).isPositive();
        assertThat(ProcessStats.cpuTicks(pid)).isPositive();
        assertThat(ProcessStats.ownCpuNanos()).isPositive();
        assertThat(ProcessStats.parseKiB("   1932 kB")).isEqualTo(1932);
    }

    @Test
    void sharesOfTheWindow() {
        var use = new ProcessStats.CpuUse(1.0, 500, 300, 50, 20, 900, 2000);
        assertThat(use.otherMs()).isEqualTo(30);
        assertThat(use.idleMs()).isEqualTo(1100);
        assertThat(use.share(use.appMs())).isEqualTo(0.25);
    }
}
