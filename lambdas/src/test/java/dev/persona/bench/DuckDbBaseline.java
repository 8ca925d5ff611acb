package dev.persona.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's yardstick: DuckDB, in this process on one thread, parses the same generated file, extracts each
 * record's host with a regular expression and counts records per host and hour. It is reached through JDBC only, so
 * nothing compiles against it; the driver is on the class path only with Maven's {@code benchmark} profile, which
 * {@code lambdas/benchmark} turns on. It never runs in a Lambda.
 */
final class DuckDbBaseline implements AutoCloseable {

    /** The host (with any port) of an http(s) address. */
    private static final String HOST = "'^https?://([^/]+)'";

    private final Connection connection;

    private DuckDbBaseline(Connection connection) {
        this.connection = connection;
    }

    static DuckDbBaseline open() {
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads = 1");
                statement.execute("SET preserve_insertion_order = false");
            }
            return new DuckDbBaseline(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB's JDBC driver is not on the class path: run through "
                    + "lambdas/benchmark (Maven profile 'benchmark'), or pass --duckdb false", e);
        }
    }

    record Run(long groups, long cpuNanos) {
    }

    /** Runs the query on the file and reads every row of its result. */
    Run run(Path file, ActivityFileGenerator.Format format) {
        long start = Measurements.cpuNanos();
        long groups = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query(file, format))) {
            while (rows.next()) {
                groups += rows.getLong(3) > 0 ? 1 : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Run(groups, Measurements.cpuNanos() - start);
    }

    String describe() {
        try {
            return "DuckDB " + connection.getMetaData().getDatabaseProductVersion()
                    + ", 1 thread: parse, host by regex, count by host and hour";
        } catch (SQLException e) {
            return "DuckDB";
        }
    }

    /**
     * The fastest of the formulations tried: only the two columns the query needs (DuckDB then skips the others'
     * values), the host by a plain regular expression, the time cast to a timestamp (null when it is not one).
     */
    private static String query(Path file, ActivityFileGenerator.Format format) {
        String path = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
        String source = switch (format) {
            case JSONL -> "(SELECT \"timestamp\" AS t, url AS u FROM read_json(" + path
                    + ", format = 'newline_delimited', columns = {\"timestamp\": 'VARCHAR', url: 'VARCHAR'}))";
            case TAKEOUT -> "(SELECT \"time\" AS t, titleUrl AS u FROM read_json(" + path
                    + ", format = 'array', columns = {\"time\": 'VARCHAR', titleUrl: 'VARCHAR'}))";
            case CSV -> "(SELECT \"timestamp\" AS t, url AS u FROM read_csv(" + path
                    + ", header = true, columns = {\"timestamp\": 'VARCHAR', type: 'VARCHAR', title: 'VARCHAR', "
                    + "url: 'VARCHAR', channel: 'VARCHAR'}))";
        };
        return "SELECT regexp_extract(u, " + HOST + ", 1) AS host, date_trunc('hour', try_cast(t AS TIMESTAMP)) "
                + "AS hour, count(*) FROM " + source + " GROUP BY ALL";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
