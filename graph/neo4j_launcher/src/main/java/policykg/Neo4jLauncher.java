package policykg;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.kernel.internal.Version;

/**
 * Runs an embedded Neo4j 5.26 Community DBMS with the Bolt connector enabled, until SIGTERM/SIGINT.
 *
 * <p>Usage:
 * <pre>
 *   java -Xmx1g -cp 'target/classes:target/lib/*' policykg.Neo4jLauncher \
 *       --home DIR [--listen 127.0.0.1:7687] [--auth true|false] [--pagecache 256m] \
 *       [--conf key=value]... [--config-file neo4j.conf]
 * </pre>
 *
 * <p>Password: when auth is enabled, the password of user {@code neo4j} is taken from the environment
 * variable {@code POLICYKG_NEO4J_PASSWORD} (or {@code --password}, which is visible in {@code ps}). It is
 * applied with {@code ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED} on the system database
 * (embedded transactions bypass auth) whenever it differs from the password this launcher applied last
 * (a salted hash is kept in {@code HOME/data/dbms/policykg-auth}). So the configured password is the one
 * in force, unless someone changed it over Bolt since; delete that file to force re-applying it.
 * Neo4j requires at least 8 characters unless {@code dbms.security.auth_minimum_password_length} is lowered.
 *
 * <p>When the DBMS is up, one line {@code POLICYKG_NEO4J_READY bolt://host:port version=X auth=B home=DIR}
 * is printed to stdout. Errors print {@code POLICYKG_NEO4J_ERROR ...} to stderr and exit with status 1.
 */
public final class Neo4jLauncher {

    public static final String READY_MARKER = "POLICYKG_NEO4J_READY";
    public static final String ERROR_MARKER = "POLICYKG_NEO4J_ERROR";
    public static final String PASSWORD_ENV = "POLICYKG_NEO4J_PASSWORD";

    private Neo4jLauncher() {}

    private static void usage(PrintStream out) {
        out.println("Usage: Neo4jLauncher --home DIR [--listen HOST:PORT] [--auth true|false]");
        out.println("                     [--password PW] [--pagecache 256m] [--conf key=value]...");
        out.println("                     [--config-file FILE]");
        out.println("  --home DIR        Neo4j home; databases in DIR/data, logs in DIR/logs (required)");
        out.println("  --listen H:P      Bolt listen address (default 127.0.0.1:7687)");
        out.println("  --auth B          enable authentication (default true)");
        out.println("  --password PW     password for user neo4j (prefer env " + PASSWORD_ENV + ")");
        out.println("  --pagecache SIZE  server.memory.pagecache.size (default 256m)");
        out.println("  --conf k=v        any other Neo4j setting, e.g. db.transaction.timeout=60s");
        out.println("  --config-file F   load settings from a neo4j.conf-style file first");
    }

    private static String need(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException("missing value for " + args[i]);
        }
        return args[i + 1];
    }

    public static void main(String[] args) {
        Path home = null;
        String listen = "127.0.0.1:7687";
        boolean auth = true;
        String password = System.getenv(PASSWORD_ENV);
        String pagecache = "256m";
        Path configFile = null;
        Map<String, String> raw = new LinkedHashMap<>();

        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h":
                    case "--help":
                        usage(System.out);
                        return;
                    case "--home":
                        home = Path.of(need(args, i++)).toAbsolutePath();
                        break;
                    case "--listen":
                        listen = need(args, i++);
                        break;
                    case "--auth":
                        auth = Boolean.parseBoolean(need(args, i++));
                        break;
                    case "--password":
                        password = need(args, i++);
                        break;
                    case "--pagecache":
                        pagecache = need(args, i++);
                        break;
                    case "--config-file":
                        configFile = Path.of(need(args, i++));
                        break;
                    case "--conf": {
                        String kv = need(args, i++);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--conf expects key=value, got: " + kv);
                        }
                        raw.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("unknown argument: " + a);
                }
            }
            if (home == null) {
                throw new IllegalArgumentException("--home is required");
            }
            if (auth && (password == null || password.isEmpty())) {
                throw new IllegalArgumentException(
                        "auth is enabled but no password given (set env " + PASSWORD_ENV + " or --password)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(ERROR_MARKER + " bad arguments: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }

        int colon = listen.lastIndexOf(':');
        String host = colon > 0 ? listen.substring(0, colon) : listen;
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(listen.substring(colon + 1)) : 7687;
        } catch (NumberFormatException e) {
            System.err.println(ERROR_MARKER + " bad --listen port: " + listen);
            System.exit(2);
            return;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }

        DatabaseManagementService dbms;
        try {
            Files.createDirectories(home);
            // String-valued settings (pagecache, --conf, --config-file) are merged into one generated
            // neo4j.conf-style file, because the embedded builder only takes raw strings from a file.
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(GraphDatabaseSettings.pagecache_memory.name(), pagecache);
            // Neo4j waits 5 s + 5 s for idle Bolt event loops on shutdown (after the databases are
            // already checkpointed and closed); 2 s each is plenty for a local single-user server.
            settings.put("internal.server.bolt.connection_shutdown_wait_time", "2s");
            settings.put("internal.server.bolt.thread_pool_shutdown_wait_time", "2s");
            settings.putAll(raw);
            StringBuilder conf = new StringBuilder("# generated by policykg.Neo4jLauncher on every start\n");
            if (configFile != null) {
                for (String line : Files.readAllLines(configFile, StandardCharsets.UTF_8)) {
                    String t = line.trim();
                    int eq = t.indexOf('=');
                    if (t.isEmpty() || t.startsWith("#") || eq <= 0) {
                        continue;
                    }
                    settings.putIfAbsent(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
                }
            }
            for (Map.Entry<String, String> e : settings.entrySet()) {
                conf.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
            Path generated = home.resolve("policykg-launcher.conf");
            Files.writeString(generated, conf.toString(), StandardCharsets.UTF_8);

            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
            builder.loadPropertiesFromFile(generated);
            // Typed settings last: they win over anything from the file.
            builder.setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    .setConfig(GraphDatabaseSettings.auth_enabled, auth);
            dbms = builder.build();
        } catch (Throwable t) {
            System.err.println(ERROR_MARKER + " failed to start Neo4j: " + describe(t));
            t.printStackTrace(System.err);
            System.exit(1);
            return;
        }

        final DatabaseManagementService service = dbms;
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("POLICYKG_NEO4J_STOPPING");
            System.out.flush();
            try {
                service.shutdown();
                System.out.println("POLICYKG_NEO4J_STOPPED");
            } catch (Throwable t) {
                System.err.println(ERROR_MARKER + " error during shutdown: " + describe(t));
            } finally {
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        long dbmsUp = System.currentTimeMillis();
        try {
            if (auth) {
                GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
                applyPassword(system, home, password);
            }
        } catch (Throwable t) {
            System.err.println(ERROR_MARKER + " started, but setup failed: " + describe(t));
            t.printStackTrace(System.err);
            System.exit(1); // runs the shutdown hook
            return;
        }

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long now = System.currentTimeMillis();
        System.out.println(READY_MARKER + " bolt://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + " version=" + Version.getNeo4jVersion() + " auth=" + auth + " home=" + home
                + String.format(" startup_s=%.1f (dbms %.1f, auth setup %.1f)",
                        (now - jvmStart) / 1000.0, (dbmsUp - jvmStart) / 1000.0, (now - dbmsUp) / 1000.0));
        System.out.flush();

        try {
            stopped.await(); // only released by the shutdown hook; the JVM exits after the hook completes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes {@code password} the password of user neo4j unless it is the one this launcher applied
     * last time (remembered as a salted SHA-256 in {@code HOME/data/dbms/policykg-auth}): running the
     * Cypher admin command costs several seconds of start time on a cold JVM.
     */
    private static void applyPassword(GraphDatabaseService system, Path home, String password) throws Exception {
        Path marker = home.resolve("data").resolve("dbms").resolve("policykg-auth");
        if (Files.isRegularFile(marker)) {
            String[] saltAndHash = Files.readString(marker, StandardCharsets.UTF_8).trim().split(":", 2);
            if (saltAndHash.length == 2 && saltAndHash[1].equals(sha256(saltAndHash[0], password))) {
                return;
            }
        }
        setPassword(system, password);
        byte[] saltBytes = new byte[16];
        new SecureRandom().nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, salt + ":" + sha256(salt, password) + "\n", StandardCharsets.UTF_8);
    }

    private static String sha256(String salt, String password) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(salt.getBytes(StandardCharsets.UTF_8));
        md.update(password.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    /** Makes {@code password} the password of user neo4j, without a forced change on first login. */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to the one it already has: that is the normal restart case.
            String m = String.valueOf(e.getMessage());
            if (!m.contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    private static String describe(Throwable t) {
        List<String> parts = new ArrayList<>();
        Throwable c = t;
        while (c != null && parts.size() < 6) {
            String m = c.getMessage();
            parts.add(c.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' ')));
            if (c.getCause() == c) {
                break;
            }
            c = c.getCause();
        }
        return String.join(" <- caused by ", parts);
    }
}
