package org.journeyplatform.infra.testsupport;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.journeyplatform.infra.crypto.MasterKeys;
import org.journeyplatform.infra.crypto.ParticipantKeys;
import org.journeyplatform.infra.crypto.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Personal-data encryption as the application sets it up, on this run's test database (migrated by Flyway), with a
 * test master key: for tests of serialisation and crypto-shredding without the whole application.
 */
public final class TestCrypto {

    /** A master key for tests only (32 bytes of base64). */
    public static final String TEST_MASTER_KEYS = "test-1:q3cEQnH0D1uFW6pCpO4Eg4T2o3WlLQbs7rO6Cg9OpTc=";

    private static DataSource dataSource;

    private TestCrypto() {}

    /** This run's test database, migrated. */
    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            TestDatabase.Coordinates db = TestDatabase.get();
            dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        }
        return dataSource;
    }

    public static ParticipantKeys keys(String masterKeys) {
        DataSource source = dataSource();
        return new ParticipantKeys(
                JdbcClient.create(source),
                new DataSourceTransactionManager(source),
                MasterKeys.parse(masterKeys),
                Clock.systemUTC(),
                Duration.ofMinutes(5));
    }

    public static PersonalDataCipher cipher() {
        return new PersonalDataCipher(keys(TEST_MASTER_KEYS));
    }
}
