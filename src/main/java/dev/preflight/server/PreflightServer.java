package dev.preflight.server;

import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.Report;
import dev.preflight.api.RuleProblem;
import dev.preflight.api.RulesListener;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code preflight serve}'s server: Jetty 12 listening on one address, the API of {@link Api}
 * behind a graceful-stop handler, Jetty's own errors answered as problems too, and an access log
 * (method, path without the query, status, bytes, time; never a request's content) to the logger
 * {@code dev.preflight.server.access}. The rules load after the port is open: {@code /readyz}
 * says when they are compiled.
 */
public final class PreflightServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PreflightServer.class);

    /** The access log's format: time, client, method, path (no query string), protocol, status, bytes sent, milliseconds. */
    static final String ACCESS_LOG_FORMAT = "%{yyyy-MM-dd'T'HH:mm:ss.SSSXXX|UTC}t %{client}a \"%m %U %H\" %s %O %{ms}Tms";

    private final ServerOptions options;
    private final Server server;
    private final ServerConnector connector;
    private final Api api;
    private final Metrics metrics;
    private final Path tmp;
    private final CompletableFuture<Report.RulesInfo> ready = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "preflight-stop");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopped;

    private PreflightServer(ServerOptions o, Tokens tokens, String toolVersion) throws IOException {
        this.options = o;
        this.metrics = new Metrics();
        this.tmp = Files.createTempDirectory("preflight-serve-");
        this.api = new Api(o, metrics, tokens, tmp, toolVersion);

        QueuedThreadPool threads = new QueuedThreadPool(Math.max(32, o.workers() + o.queue() + 16), 4);
        threads.setName("preflight-http");
        threads.setDaemon(true);
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(o.idleTimeout().toMillis());
        http.setRequestHeaderSize(16 * 1024);
        if (o.keystore() != null) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(o.keystore().toString());
            tls.setKeyStoreType("PKCS12");
            tls.setKeyStorePassword(o.keystorePassword() == null ? "" : o.keystorePassword());
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // clients may connect by address; the certificate's names are the client's to check
            http.addCustomizer(secure);
            connector = new ServerConnector(server, tls, new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(o.bind());
        connector.setPort(o.port());
        connector.setIdleTimeout(o.idleTimeout().toMillis());
        server.addConnector(connector);

        GracefulHandler graceful = new GracefulHandler(api) {
            @Override
            protected void handleShutdownRejection(Request request, Response response, Callback callback) {
                metrics.rejection("shutting-down");
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                Api.sendProblem(response, callback, Problem.of(503, "shutting-down", "Shutting down", "the server is stopping").retryAfter(5));
            }
        };
        server.setHandler(graceful);
        server.setErrorHandler(new ProblemErrorHandler());
        Slf4jRequestLogWriter log = new Slf4jRequestLogWriter();
        log.setLoggerName("dev.preflight.server.access");
        server.setRequestLog(new CustomRequestLog(log, ACCESS_LOG_FORMAT));
        server.setStopTimeout(o.shutdownGrace().toMillis());
        server.setStopAtShutdown(false);
    }

    /**
     * Opens the port, then loads the rules on a thread of their own.
     *
     * @param tokens      bearer tokens, or {@code null} for none
     * @param toolVersion Preflight's version (SARIF names it)
     */
    public static PreflightServer start(ServerOptions o, Tokens tokens, String toolVersion) throws Exception {
        PreflightServer s = new PreflightServer(o, tokens, toolVersion);
        try {
            s.server.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        Thread loader = new Thread(s::loadRules, "preflight-rules-loader");
        loader.setDaemon(true);
        loader.start();
        return s;
    }

    private void loadRules() {
        try {
            Evaluators e = Evaluators.load(options, new RulesListener() {
                @Override
                public void reloaded(Report.RulesInfo rules, List<RuleProblem> warnings) {
                    metrics.reload("success");
                    LOG.info("rules reloaded: {} ({})", rules.source(), rules.hash());
                }

                @Override
                public void reloadFailed(InvalidRulesException error, Report.RulesInfo stillUsing) {
                    metrics.reload("failure");
                    LOG.warn("changed rules do not load; still using {}: {}", stillUsing.hash(), error.getMessage());
                }
            });
            if (stopped) {
                e.close();
                return;
            }
            api.ready(e);
            ready.complete(e.rules());
        } catch (Throwable t) {
            ready.completeExceptionally(t);
        }
    }

    /** Completes with the rules once they are compiled, or with the reason they did not load. */
    public CompletableFuture<Report.RulesInfo> ready() {
        return ready;
    }

    /** The port listened on (the one chosen when the options said 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The server's base URI, {@code http://ADDRESS:PORT} or {@code https://…}. */
    public URI uri() {
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return URI.create((options.keystore() != null ? "https" : "http") + "://" + host + ":" + port());
    }

    /** Waits until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Stops gracefully: no new connections, requests in flight finish within the shutdown grace.
     * A batch still streaming near its end is stopped after the record it writes, and its client sees
     * the stream end with an error (never half a record).
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long grace = options.shutdownGrace().toMillis();
        timer.schedule(api::cancelBatches, Math.max(0, grace - Math.min(grace / 4, 2000)), TimeUnit.MILLISECONDS);
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the server did not stop cleanly: {}", e.toString());
        }
        api.shutdownWorkers();
        timer.shutdownNow();
        Evaluators e = api.evaluators();
        if (e != null) {
            e.close();
        }
        Api.deleteTree(tmp);
    }

    @Override
    public void close() {
        stop();
    }

    /** Jetty's own errors (a malformed request, headers too large, a body too slow) as problems too. */
    private static final class ProblemErrorHandler extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() <= 0 ? 500 : response.getStatus();
            Object message = request.getAttribute(ERROR_MESSAGE);
            Problem p = Problem.of(status, "http-" + status, HttpStatus.getMessage(status), message == null ? null : message.toString());
            Api.send(response, callback, status, Problem.MEDIA_TYPE, p.toJson());
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
            return ByteBuffer.wrap(Problem.of(status, "http-" + status, HttpStatus.getMessage(status), reason).toJson());
        }
    }
}
