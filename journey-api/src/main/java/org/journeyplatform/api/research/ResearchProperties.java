package org.journeyplatform.api.research;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Research exports ({@code journey.research}): where their files are written, and how long they are kept.
 *
 * @param exportDir       where export files are written, one directory per study and export
 * @param exportRetention export files older than this are deleted (the export stays listed)
 */
@ConfigurationProperties("journey.research")
public record ResearchProperties(Path exportDir, Duration exportRetention) {

    public ResearchProperties {
        exportDir = exportDir == null
                ? Path.of(System.getProperty("java.io.tmpdir"), "journey-research-exports")
                : exportDir;
        exportRetention = exportRetention == null ? Duration.ofDays(30) : exportRetention;
        if (exportRetention.isNegative() || exportRetention.isZero()) {
            throw new IllegalArgumentException("journey.research.export-retention must be positive");
        }
    }
}
