package org.journeyplatform.infra.db;

/** The configured PostgreSQL server could not be reached, or refused us. Its message is the one line a user needs. */
public class DatabaseUnreachableException extends RuntimeException {

    public DatabaseUnreachableException(String jdbcUrl, String username, Throwable cause) {
        super(
                "Cannot reach PostgreSQL at " + jdbcUrl + " as user '" + username + "' (" + rootMessage(cause)
                        + "). Start it (e.g. `pg_ctlcluster 15 main start`) or point JOURNEY_DB_URL, JOURNEY_DB_USER and "
                        + "JOURNEY_DB_PASSWORD at a running server.",
                cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null
                ? root.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }
}
