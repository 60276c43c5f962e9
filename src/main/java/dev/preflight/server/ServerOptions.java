package dev.preflight.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code preflight serve} runs. Every bound has a default ({@link #defaults()}) that the
 * documentation lists under "Limits".
 *
 * @param bind             the address to listen on; 127.0.0.1 by default
 * @param port             the port; 0 for any free one
 * @param rules            the rules directory, or {@code null} for the built-in rules
 * @param rulesCache       where compiled rules are kept, or {@code null}
 * @param watch            reload {@code rules} when they change (the last good rules stay when an edit does not compile)
 * @param tokens           the tokens file (SHA-256 hashes), or {@code null} for no authentication
 * @param keystore         a PKCS#12 keystore for TLS, or {@code null} for plain HTTP
 * @param keystorePassword its password
 * @param workers          evaluations, batches and diffs running at once
 * @param queue            requests waiting for a worker; one more is refused with 503
 * @param timeBudget       how long an evaluation or diff may take from its arrival, queueing included (then 504)
 * @param idleTimeout      a connection sending nothing for this long is closed
 * @param minDataRate      bytes per second a request body must keep up (after its first second); 0 for none
 * @param batchThreads     threads each batch evaluates on
 * @param shutdownGrace    how long SIGTERM waits for requests in flight
 */
public record ServerOptions(String bind, int port, Path rules, Path rulesCache, boolean watch, Path tokens, Path keystore,
        String keystorePassword, int workers, int queue, Duration timeBudget, Duration idleTimeout, long minDataRate,
        int batchThreads, Duration shutdownGrace) {

    /** The defaults: loopback, port 8080, built-in rules, no tokens, plain HTTP. */
    public static ServerOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerOptions("127.0.0.1", 8080, null, null, false, null, null, null, cores, 64, Duration.ofSeconds(30),
                Duration.ofSeconds(30), 1024, cores, Duration.ofSeconds(30));
    }

    /** These options on another port. */
    public ServerOptions withPort(int newPort) {
        return new ServerOptions(bind, newPort, rules, rulesCache, watch, tokens, keystore, keystorePassword, workers, queue, timeBudget,
                idleTimeout, minDataRate, batchThreads, shutdownGrace);
    }

    /** These options with other bounds on work. */
    public ServerOptions withBounds(int newWorkers, int newQueue, Duration newBudget) {
        return new ServerOptions(bind, port, rules, rulesCache, watch, tokens, keystore, keystorePassword, newWorkers, newQueue, newBudget,
                idleTimeout, minDataRate, batchThreads, shutdownGrace);
    }

    /** These options with other timeouts on the connection and on stopping. */
    public ServerOptions withTimeouts(Duration newIdle, long newMinDataRate, Duration newGrace) {
        return new ServerOptions(bind, port, rules, rulesCache, watch, tokens, keystore, keystorePassword, workers, queue, timeBudget,
                newIdle, newMinDataRate, batchThreads, newGrace);
    }

    /** These options with rules from a directory, watched or not. */
    public ServerOptions withRules(Path dir, boolean watchIt) {
        return new ServerOptions(bind, port, dir, rulesCache, watchIt, tokens, keystore, keystorePassword, workers, queue, timeBudget,
                idleTimeout, minDataRate, batchThreads, shutdownGrace);
    }

    /** These options with a tokens file and TLS. */
    public ServerOptions withSecurity(Path tokensFile, Path keystoreFile, String password) {
        return new ServerOptions(bind, port, rules, rulesCache, watch, tokensFile, keystoreFile, password, workers, queue, timeBudget,
                idleTimeout, minDataRate, batchThreads, shutdownGrace);
    }
}
