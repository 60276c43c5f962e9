package dev.preflight.server;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.api.Evaluator;
import dev.preflight.api.FactsReader;
import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.Report;
import dev.preflight.api.RuleProblem;
import dev.preflight.api.Texts;
import dev.preflight.batch.BatchEvaluator;
import dev.preflight.batch.BatchInputs;
import dev.preflight.batch.BatchRecord;
import dev.preflight.batch.BatchResult;
import dev.preflight.batch.BatchSummary;
import dev.preflight.collection.Answers;
import dev.preflight.collection.CollectionFiles;
import dev.preflight.collection.CollectionImporter;
import dev.preflight.collection.ImportResult;
import dev.preflight.collection.MissingSources;
import dev.preflight.collection.UnusableCollectionException;
import dev.preflight.facts.TenantFacts;
import dev.preflight.report.BatchLines;
import dev.preflight.report.CatalogueWriter;
import dev.preflight.report.DiffReport;
import dev.preflight.report.ReportFormat;
import dev.preflight.report.Style;
import dev.preflight.results.ResultsDiff;
import dev.preflight.results.ResultsReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of {@code preflight serve}. Each request's content is read on Jetty's thread (bounded
 * by the read timeouts and the size limits); the work then runs on a worker of a bounded pool, and
 * the request waits for it no longer than its time budget. Rendering is the command line's own
 * ({@link ReportFormat}, {@link BatchLines}, {@link DiffReport}, {@link CatalogueWriter}).
 */
final class Api extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Response headers. */
    static final String VERDICT_HEADER = "Preflight-Verdict";
    /** The most of a batch's body held on disk ahead of its evaluation (see {@link Spool}). */
    static final long BATCH_SPOOL_LIMIT = 1L << 30;
    static final String RULES_HEADER = "Preflight-Rules";

    private final ServerOptions options;
    private final Metrics metrics;
    private final Tokens tokens;
    private final Path tmp;
    private final Admission admission;
    private final ExecutorService workers;
    private final byte[] openApi;
    private final String toolVersion;
    private final Set<BatchEvaluator.Job> batches = ConcurrentHashMap.newKeySet();
    private final AtomicInteger uploads = new AtomicInteger();
    private final java.util.concurrent.ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "preflight-read-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile Evaluators evaluators;

    Api(ServerOptions options, Metrics metrics, Tokens tokens, Path tmp, String toolVersion) throws IOException {
        super(InvocationType.BLOCKING);
        this.options = options;
        this.metrics = metrics;
        this.tokens = tokens;
        this.tmp = tmp;
        this.toolVersion = toolVersion;
        this.admission = new Admission(options.workers(), options.queue());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "preflight-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (InputStream in = Api.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IOException("openapi.json is missing from the class path");
            }
            this.openApi = in.readAllBytes();
        }
    }

    /** The rules are loaded: from now on the API answers. */
    void ready(Evaluators loaded) {
        this.evaluators = loaded;
    }

    Evaluators evaluators() {
        return evaluators;
    }

    /** Stops every running batch after the record it is writing: its client sees the stream end with an error. */
    void cancelBatches() {
        batches.forEach(BatchEvaluator.Job::cancel);
    }

    /** Stops the workers; the evaluators are closed by the server. */
    void shutdownWorkers() {
        workers.shutdownNow();
        watchdog.shutdownNow();
    }

    /** A route: its template (the metrics label), the scope a token needs, and its handler. */
    private record Route(String template, String method, Tokens.Scope scope, Endpoint endpoint) {
    }

    @FunctionalInterface
    private interface Endpoint {
        void serve(Request request, Response response, Callback callback) throws Exception;
    }

    private final List<Route> routes = List.of(
            new Route("/healthz", "GET", null, this::healthz),
            new Route("/readyz", "GET", null, this::readyz),
            new Route("/openapi.json", "GET", null, this::openApi),
            new Route("/metrics", "GET", Tokens.Scope.READ, this::metrics),
            new Route("/v1/checks", "GET", Tokens.Scope.READ, this::checks),
            new Route("/v1/rules", "GET", Tokens.Scope.READ, this::rules),
            new Route("/v1/evaluations", "POST", Tokens.Scope.EVALUATE, this::evaluation),
            new Route("/v1/batches", "POST", Tokens.Scope.EVALUATE, this::batch),
            new Route("/v1/diffs", "POST", Tokens.Scope.EVALUATE, this::diff));

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Route route = null;
        boolean pathKnown = false;
        for (Route r : routes) {
            if (r.template().equals(path)) {
                pathKnown = true;
                if (r.method().equals(method) || method.equals("HEAD") && r.method().equals("GET")) {
                    route = r;
                }
            }
        }
        String label = route != null ? route.template() : pathKnown ? path : "other";
        Callback counted = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                metrics.request(label, method, response.getStatus(), System.nanoTime() - start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                metrics.request(label, method, response.getStatus(), System.nanoTime() - start);
                super.failed(x);
            }
        };
        Evaluators loaded = evaluators;
        if (loaded != null) {
            response.getHeaders().put(RULES_HEADER, loaded.rules().hash());
        }
        try {
            if (route == null) {
                if (pathKnown) {
                    String allowed = String.join(", ", routes.stream().filter(r -> r.template().equals(path)).map(Route::method).toList());
                    response.getHeaders().put(HttpHeader.ALLOW, allowed);
                    throw Problem.of(405, "method-not-allowed", "Method not allowed", method + " is not served at " + path + "; " + allowed + " is")
                            .exception();
                }
                throw Problem.of(404, "not-found", "Not found", "nothing is served at " + path + "; see /openapi.json").exception();
            }
            authorize(request, response, route);
            if (route.template().startsWith("/v1/") && !route.template().equals("/v1/diffs") && loaded == null) {
                throw Problem.of(503, "not-ready", "Not ready", "the rules are still loading").retryAfter(1).exception();
            }
            route.endpoint().serve(request, response, counted);
        } catch (Throwable t) {
            fail(request, response, counted, t);
        }
        return true;
    }

    private void authorize(Request request, Response response, Route route) {
        if (tokens == null || route.scope() == null) {
            return;
        }
        switch (tokens.check(request.getHeaders().get(HttpHeader.AUTHORIZATION), route.scope())) {
            case MISSING -> {
                metrics.rejection("unauthorized");
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"preflight\"");
                throw Problem.of(401, "unauthorized", "Unauthorized", "this server needs a bearer token: Authorization: Bearer TOKEN").exception();
            }
            case UNKNOWN -> {
                metrics.rejection("unauthorized");
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"preflight\", error=\"invalid_token\"");
                throw Problem.of(401, "unauthorized", "Unauthorized", "the bearer token is not one of this server's tokens").exception();
            }
            case FORBIDDEN -> {
                metrics.rejection("forbidden");
                throw Problem.of(403, "forbidden", "Forbidden", "this token may only read (the catalogue, the rules, the metrics), not "
                        + route.method() + " " + route.template()).exception();
            }
            case ALLOWED -> {
                // served
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Endpoints

    private void healthz(Request request, Response response, Callback callback) {
        sendJson(response, callback, 200, Map.of("status", "UP"));
    }

    private void openApi(Request request, Response response, Callback callback) {
        send(response, callback, 200, "application/json", openApi);
    }

    private void metrics(Request request, Response response, Callback callback) {
        send(response, callback, 200, Metrics.CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private void readyz(Request request, Response response, Callback callback) {
        Evaluators loaded = evaluators;
        if (loaded == null) {
            throw Problem.of(503, "not-ready", "Not ready", "the rules are still loading").retryAfter(1).exception();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "READY");
        m.put("rules", loaded.rules());
        sendJson(response, callback, 200, m);
    }

    private void checks(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        Evaluator e = evaluators.of(RequestParsing.locale(query.getValue("locale")));
        String format = RequestParsing.negotiate(request.getHeaders().get(HttpHeader.ACCEPT),
                RequestParsing.offers("application/json", "json", "text/plain", "text", "text/markdown", "markdown", "text/csv", "csv"), "json");
        String body = switch (format) {
            case "text" -> CatalogueWriter.text(e.catalogue(), e.texts());
            case "markdown" -> CatalogueWriter.markdown(e.catalogue());
            case "csv" -> CatalogueWriter.csv(e.catalogue());
            default -> CatalogueWriter.json(e.catalogue());
        };
        String type = switch (format) {
            case "text" -> "text/plain; charset=utf-8";
            case "markdown" -> "text/markdown; charset=utf-8";
            case "csv" -> "text/csv; charset=utf-8";
            default -> "application/json";
        };
        send(response, callback, 200, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private void rules(Request request, Response response, Callback callback) {
        Evaluators loaded = evaluators;
        Report.RulesInfo info = loaded.rules();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", info.source());
        m.put("hash", info.hash());
        m.put("checks", info.checks());
        m.put("watched", options.watch());
        m.put("warnings", loaded.warnings().stream().map(RuleProblem::toString).toList());
        sendJson(response, callback, 200, m);
    }

    /** A rendered answer: its body, content type and headers. */
    record Answer(byte[] body, String contentType, Map<String, String> headers) {
    }

    private void evaluation(Request request, Response response, Callback callback) throws Exception {
        long deadline = deadline(request);
        Fields query = Request.extractQueryParameters(request);
        EvaluationAsk ask = EvaluationAsk.of(evaluators, request.getHeaders().get(HttpHeader.CONTENT_TYPE),
                request.getHeaders().get(HttpHeader.ACCEPT), query.getValue("locale"), query.getValue("all"));
        RequestParsing.Evaluation input = RequestParsing.evaluation(ask.contentType(), readBody(request, ask.maxBody()));
        Answer answer = work(deadline, () -> {
            Answer a = answer(input, ask, tmp, toolVersion);
            metrics.verdict(a.headers().get(VERDICT_HEADER));
            return a;
        });
        answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        send(response, callback, 200, answer.contentType(), answer.body());
    }

    /**
     * What a {@code POST /v1/evaluations} asks for, judged from its headers and query before its
     * content is read: 406 for an {@code Accept} no report format answers, 400 for an unknown
     * locale or a bad {@code all}, 415 for a content type that is not a facts document, a
     * collection or a form.
     *
     * @param format      the report format {@code Accept} chooses
     * @param evaluator   the evaluator of the {@code locale} parameter's language
     * @param all         whether passing checks are listed (text)
     * @param contentType the request's content type
     * @param maxBody     the largest content of that type
     */
    record EvaluationAsk(ReportFormat format, Evaluator evaluator, boolean all, String contentType, long maxBody) {

        static EvaluationAsk of(Evaluators evaluators, String contentType, String accept, String locale, String all) {
            ReportFormat format = RequestParsing.reportFormat(accept);
            Evaluator evaluator = evaluators.of(RequestParsing.locale(locale));
            boolean showAll = RequestParsing.flag("all", all);
            String type = RequestParsing.mediaType(contentType);
            if (!RequestParsing.isJson(type) && !RequestParsing.isZip(type) && !type.equals("multipart/form-data")) {
                throw RequestParsing.unsupported(contentType, "application/json, application/zip or multipart/form-data");
            }
            return new EvaluationAsk(format, evaluator, showAll, contentType, RequestParsing.maxBody(contentType));
        }
    }

    /**
     * The report of an evaluation's content, rendered as the command line renders it: a facts
     * document read and evaluated, or a collection imported (in a folder of its own under {@code
     * tmp}, removed after) and evaluated; the next steps or missing sources added as {@code
     * evaluate} adds them. Invalid content throws the reader's exception ({@link #problem} makes it 422).
     */
    static Answer answer(RequestParsing.Evaluation input, EvaluationAsk ask, Path tmp, String toolVersion) throws IOException {
        Report report;
        byte[] facts;
        String artifact;
        if (input instanceof RequestParsing.Facts f) {
            facts = f.json();
            artifact = f.origin().equals("-") ? "stdin" : f.origin();
            report = dev.preflight.collection.NextSteps.add(ask.evaluator().evaluate(FactsReader.read(facts, f.origin())), null);
        } else {
            RequestParsing.Collection c = (RequestParsing.Collection) input;
            ImportResult imported = importCollection(c, tmp);
            facts = null;
            artifact = c.name();
            TenantFacts t = FactsReader.read(imported.toJson(), c.name());
            report = MissingSources.annotate(ask.evaluator().evaluate(t), imported);
        }
        String text = ask.format().render(report, ask.evaluator(), new ReportFormat.Options(Style.PLAIN, ask.all(), artifact, facts, toolVersion));
        return new Answer(text.getBytes(StandardCharsets.UTF_8), ask.format().mediaType(), Map.of(VERDICT_HEADER, report.verdict().name()));
    }

    /** Imports an uploaded collection from a file of the server's own (messages name the upload, never the server's path). */
    private static ImportResult importCollection(RequestParsing.Collection c, Path tmp) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "upload-");
        try {
            Path zip = dir.resolve("collection.zip");
            Files.write(zip, c.zip());
            Answers answers = c.answers() == null ? Answers.none() : Answers.parse(c.answersName(), c.answers());
            try {
                return CollectionImporter.importCollection(CollectionFiles.open(zip), answers);
            } catch (UnusableCollectionException e) {
                throw new UnusableCollectionException(e.getMessage().replace(zip.toString(), c.name()), null);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private void batch(Request request, Response response, Callback callback) throws Exception {
        long deadline = deadline(request);
        Fields query = Request.extractQueryParameters(request);
        Evaluator evaluator = evaluators.of(RequestParsing.locale(query.getValue("locale")));
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String type = RequestParsing.mediaType(contentType);
        if (!type.equals("application/x-ndjson") && !type.equals("application/jsonl") && !type.equals("application/json-lines")) {
            throw RequestParsing.unsupported(contentType, "JSON Lines (application/x-ndjson or application/jsonl), one tenant per line");
        }
        boolean csv = RequestParsing.negotiate(request.getHeaders().get(HttpHeader.ACCEPT),
                RequestParsing.offers("application/x-ndjson", false, "application/jsonl", false, "text/csv", true), false);
        try (Admission.Slot slot = admission.enter(deadline)) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
            OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 1 << 16);
            // The body is read apart from the evaluation (see Spool): a client that sends it all
            // before reading any result must not stall the response, nor the response the body.
            Path spoolDir = Files.createDirectory(tmp.resolve("batch-" + uploads.incrementAndGet()));
            Body received = new Body(request);
            Spool body = new Spool(received, spoolDir, BATCH_SPOOL_LIMIT);
            try {
                received.notWaitingWhile(body::paused);
                Iterator<BatchRecord> records = BatchInputs.jsonLines(body, "-");
                BatchLines lines = new BatchLines();
                if (csv) {
                    out.write(BatchLines.csvHeader());
                }
                record Line(BatchResult result, byte[] bytes) {
                }
                BatchEvaluator.Job job = new BatchEvaluator(evaluator, options.batchThreads())
                        .start(records, r -> new Line(r, csv ? lines.csvRows(r) : lines.jsonLine(r)), line -> {
                            if (line.result() instanceof BatchResult.Evaluated ev) {
                                metrics.verdict(ev.report().verdict().name());
                            }
                            try {
                                out.write(line.bytes());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                batches.add(job);
                BatchSummary summary;
                try {
                    summary = job.await();
                } catch (dev.preflight.batch.BatchException e) {
                    // The input broke off or the client went away: end the stream with an error, after the last whole record.
                    body.close();
                    flushQuietly(out);
                    callback.failed(new IOException("batch stopped after " + e.delivered() + " records: " + e.getMessage(), e));
                    return;
                } finally {
                    batches.remove(job);
                    job.close();
                }
                if (summary.cancelled()) {
                    body.close();
                    out.flush();
                    metrics.rejection("shutting-down");
                    callback.failed(new IOException("batch stopped after " + summary.records() + " records: the server is shutting down"));
                    return;
                }
                // The records ended because the body did: the spool has read it to its end, so the
                // connection is not closed on unread content (a reset could drop the response's tail).
                body.close();
                out.close();
                callback.succeeded();
            } finally {
                body.close();
            }
        }
    }

    private static void flushQuietly(OutputStream out) {
        try {
            out.flush();
        } catch (IOException | RuntimeException ignored) {
            // the connection is already gone
        }
    }

    private void diff(Request request, Response response, Callback callback) throws Exception {
        long deadline = deadline(request);
        Fields query = Request.extractQueryParameters(request);
        Locale language = RequestParsing.locale(query.getValue("locale"));
        Texts texts = Texts.builtIn(language);
        if (texts.locale().equals(Locale.ROOT) && !language.equals(Locale.ROOT)) {
            throw Problem.of(400, "bad-locale", "Unknown locale", "no texts for locale " + language.toLanguageTag() + "; there are: "
                    + String.join(", ", Texts.SHIPPED)).exception();
        }
        String format = RequestParsing.negotiate(request.getHeaders().get(HttpHeader.ACCEPT),
                RequestParsing.offers("application/json", "json", "text/plain", "text", "text/html", "html"), "json");
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!RequestParsing.mediaType(contentType).equals("multipart/form-data")) {
            throw RequestParsing.unsupported(contentType, "multipart/form-data with parts old and new");
        }
        List<RequestParsing.Part> parts = RequestParsing.diff(contentType, readBody(request, RequestParsing.MAX_UPLOAD_BYTES));
        Answer answer = work(deadline, () -> {
            Path dir = Files.createDirectory(tmp.resolve("upload-" + uploads.incrementAndGet()));
            try {
                String oldName = RequestParsing.label(parts.get(0), "old");
                String newName = RequestParsing.label(parts.get(1), "new");
                Path oldFile = dir.resolve("old");
                Path newFile = dir.resolve("new");
                Files.write(oldFile, parts.get(0).bytes());
                Files.write(newFile, parts.get(1).bytes());
                ResultsDiff d;
                try {
                    d = ResultsDiff.of(oldFile, newFile);
                } catch (ResultsReader.InvalidResultsException e) {
                    String detail = e.getMessage().replace(oldFile.toString(), oldName).replace(newFile.toString(), newName);
                    throw Problem.of(422, "invalid-results", "Invalid results", detail).exception();
                }
                String text = switch (format) {
                    case "text" -> DiffReport.text(d, texts, Style.PLAIN);
                    case "html" -> DiffReport.html(d, oldName, newName, texts);
                    default -> DiffReport.json(d);
                };
                String type = switch (format) {
                    case "text" -> "text/plain; charset=utf-8";
                    case "html" -> "text/html; charset=utf-8";
                    default -> "application/json";
                };
                return new Answer(text.getBytes(StandardCharsets.UTF_8), type, Map.of("Preflight-Diff-Worse", Long.toString(d.worse())));
            } finally {
                deleteTree(dir);
            }
        });
        answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        send(response, callback, 200, answer.contentType(), answer.body());
    }

    // ---------------------------------------------------------------------------------------------
    // Work, bodies, answers

    private long deadline(Request request) {
        return request.getHeadersNanoTime() + options.timeBudget().toNanos();
    }

    /** Runs work on a worker, holding a slot; waits for it until the deadline (then 504, and the work is interrupted). */
    private <T> T work(long deadline, java.util.concurrent.Callable<T> task) throws Exception {
        Admission.Slot slot = admission.enter(deadline);
        Future<T> f;
        try {
            f = workers.submit(() -> {
                try (slot) {
                    return task.call();
                }
            });
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw Admission.timeout();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /**
     * A request's content as a stream that must keep up the minimum data rate: a client that sends
     * less than that (after the first second) has its request failed, so that its next read throws
     * and no thread waits on it any longer. Jetty's idle timeout covers a client that sends nothing.
     */
    private final class Body extends java.io.FilterInputStream {
        private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.ScheduledFuture<?> watch;
        private volatile java.util.function.BooleanSupplier serverBusy = () -> false;

        Body(Request request) {
            super(Request.asInputStream(request));
            long rate = options.minDataRate();
            long start = request.getHeadersNanoTime();
            // Only the time the server waits on the client counts: seconds in which the server chose
            // not to read (a batch's spool full, waiting for the evaluation) are not the client's.
            long[] notWaiting = new long[1];
            long[] last = {start};
            watch = rate <= 0 ? null : watchdog.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                if (serverBusy.getAsBoolean()) {
                    notWaiting[0] += now - last[0];
                }
                last[0] = now;
                double seconds = (now - start - notWaiting[0]) / 1e9;
                if (seconds >= 1 && count.get() < rate * (seconds - 1)) {
                    request.fail(new java.util.concurrent.TimeoutException("the request body came slower than " + rate + " bytes a second"));
                }
            }, 1, 1, TimeUnit.SECONDS);
        }

        /** While {@code busy} says so, the server is not reading by its own choice and the minimum rate does not apply. */
        void notWaitingWhile(java.util.function.BooleanSupplier busy) {
            this.serverBusy = busy;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count.incrementAndGet();
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() {
            if (watch != null) {
                watch.cancel(false);
            }
            try {
                super.close();
            } catch (IOException unconsumed) {
                // Content left unread (a refused body, a batch stopped early): Jetty discards it.
            }
        }
    }

    /** The whole body, refused with 413 beyond {@code limit}; a client too slow to send it is cut off (408). */
    private byte[] readBody(Request request, long limit) {
        long declared = request.getLength();
        if (declared > limit) {
            throw RequestParsing.tooLarge(limit);
        }
        byte[] body;
        try (InputStream in = new Body(request)) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                body = null;
                discard(in);
                throw RequestParsing.tooLarge(limit);
            }
        } catch (IOException | UncheckedIOException e) {
            throw Problem.of(408, "request-timeout", "Request timeout", "the request body was not received in time: " + e.getMessage())
                    .exception();
        }
        return body;
    }

    /** The most of a refused body the server reads (and discards) so that its client can read the answer. */
    static final long DISCARD_BYTES = 64L * 1024 * 1024;
    /** The longest the server reads a refused body for (a 16 MiB body took over 10 s on a machine at load 70). */
    static final long DISCARD_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * Reads and discards what is left of a refused body, up to {@link #DISCARD_BYTES} and
     * {@link #DISCARD_NANOS} (a client slower than the minimum data rate is cut off sooner), in a
     * small buffer: nothing is kept. A server that closes the connection while its client is still
     * sending resets it, and the client (the JDK's HttpClient, curl) then loses the answer it had not
     * read yet; once the body has been read to its end, the close is an orderly one.
     */
    private static void discard(InputStream in) {
        byte[] scratch = new byte[64 * 1024];
        long read = 0;
        long start = System.nanoTime();
        try {
            for (int n; (n = in.read(scratch)) >= 0; ) {
                read += n;
                if (read > DISCARD_BYTES || System.nanoTime() - start > DISCARD_NANOS) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or was too slow: the connection closes as it is
        }
    }

    /** Deletes a folder of the server's own and what it holds; a failure is logged. */
    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete the upload folder {}: {}", dir, e.toString());
        }
    }

    private void sendJson(Response response, Callback callback, int status, Object value) {
        try {
            send(response, callback, status, "application/json", JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Answers a failure as a problem, unless the response has begun (then the stream is cut: the client sees an error). */
    private void fail(Request request, Response response, Callback callback, Throwable t) {
        Problem p = problem(t);
        if (p.status() == 413) {
            metrics.rejection("too-large");
        } else if (p.status() == 503) {
            metrics.rejection("queue-full");
        } else if (p.status() == 504) {
            metrics.rejection("timeout");
        } else if (p.status() == 408) {
            metrics.rejection("slow-client");
        }
        if (p.status() >= 500 && p.status() != 503 && p.status() != 504) {
            LOG.error("{} {} failed", request.getMethod(), Request.getPathInContext(request), t);
        }
        if (response.isCommitted()) {
            callback.failed(t);
            return;
        }
        if (mayHaveUnreadBody(request)) {
            // A refused request's body may be left unread: it is read and discarded first (bounded),
            // so that the close after the answer does not reset a connection the client is still
            // sending on (it would lose the answer). Jetty closes such a connection after the answer;
            // saying so lets a pooling client (JDK HttpClient, requests, .NET) open a new connection
            // for its next request instead of sending it on one that is being closed.
            // A slow client (408) is not waited for; a body declared longer than the bound would not end.
            if (p.status() != 408 && request.getLength() <= DISCARD_BYTES) {
                try (Body rest = new Body(request)) {
                    discard(rest);
                } catch (RuntimeException e) {
                    // nothing more can be read of it: the connection closes as it is
                }
            }
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        sendProblem(response, callback, p);
    }

    private static boolean mayHaveUnreadBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    static void sendProblem(Response response, Callback callback, Problem p) {
        if (p.retryAfter() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, p.retryAfter());
        }
        send(response, callback, p.status(), Problem.MEDIA_TYPE, p.toJson());
    }

    /** The problem of an exception: the same message the command line prints for the same input. */
    static Problem problem(Throwable t) {
        if (t instanceof Problem.ProblemException p) {
            return p.problem();
        }
        if (t instanceof InvalidFactsException e) {
            if (causedBy(e, StreamConstraintsException.class)) {
                return Problem.of(413, "too-large", "Content too large", e.getMessage()).with("origin", e.origin());
            }
            Problem p = Problem.of(422, "invalid-input", "Invalid input", e.getMessage());
            if (e.origin() != null) {
                p = p.with("origin", e.origin());
            }
            if (!e.path().isEmpty()) {
                p = p.with("path", e.path());
            }
            if (e.line() > 0) {
                p = p.with("line", e.line()).with("column", e.column());
            }
            return p;
        }
        if (t instanceof UnusableCollectionException e) {
            return Problem.of(422, "unusable-collection", "Unusable collection", e.getMessage());
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return Problem.of(503, "shutting-down", "Shutting down", "the server is stopping").retryAfter(5);
        }
        return Problem.of(500, "internal", "Internal error", "the server failed to answer; its log has the details");
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
