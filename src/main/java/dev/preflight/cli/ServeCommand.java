package dev.preflight.cli;

import dev.preflight.api.Report;
import dev.preflight.server.PreflightServer;
import dev.preflight.server.ServerOptions;
import dev.preflight.server.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code preflight serve}: the evaluator as an HTTP service (see docs/service.md and openapi.json). */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Serves the evaluator over HTTP, on 127.0.0.1 unless --bind says otherwise.",
            "POST /v1/evaluations, /v1/batches, /v1/diffs; GET /v1/checks, /v1/rules, /healthz, /readyz, /metrics, /openapi.json.",
            "Stops gracefully on SIGTERM. The API: docs/service.md and /openapi.json."},
        exitCodeOnInvalidInput = ExitCodes.USAGE)
final class ServeCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    private PreflightCommand parent;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on; 0 for any free port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    private String bind;

    @picocli.CommandLine.Mixin
    private RulesOption rulesOption;

    @Option(names = "--watch", description = "Reload --rules when they change; an edit that does not compile leaves the last good rules in use.")
    private boolean watch;

    @Option(names = "--tokens", paramLabel = "FILE", description = "Require a bearer token: FILE holds SHA-256 hashes of the tokens, a line each, optionally "
            + "followed by evaluate (the default) or read.")
    private Path tokens;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with the key and certificate in this PKCS#12 keystore.")
    private Path keystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "The keystore's password (default: $PREFLIGHT_TLS_PASSWORD, else none).")
    private Path passwordFile;

    @Option(names = "--workers", paramLabel = "N", description = "Evaluations, batches and diffs at once (default: the number of processors).")
    private Integer workers;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "64", description = "Requests that may wait for a worker; more get 503 (default: ${DEFAULT-VALUE}).")
    private int queue;

    @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "30", description = "An evaluation or diff answers 504 after this long, queueing included (default: ${DEFAULT-VALUE}).")
    private double timeBudget;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "Close a connection idle for this long (default: ${DEFAULT-VALUE}).")
    private double readTimeout;

    @Option(names = "--min-data-rate", paramLabel = "BYTES", defaultValue = "1024", description = "Bytes per second a request body must keep up; 0 for no minimum (default: ${DEFAULT-VALUE}).")
    private long minDataRate;

    @Option(names = "--batch-threads", paramLabel = "N", description = "Threads each batch evaluates on (default: the number of processors).")
    private Integer batchThreads;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS", defaultValue = "30", description = "On SIGTERM, how long requests in flight may take to finish (default: ${DEFAULT-VALUE}).")
    private double shutdownGrace;

    @Override
    public Integer call() throws Exception {
        Console console = parent.console;
        Path rules = rulesOption.dir();
        int cores = Runtime.getRuntime().availableProcessors();
        if (port < 0 || port > 65535) {
            throw usage("--port must be between 0 and 65535");
        }
        if (watch && rules == null) {
            throw usage("--watch needs --rules DIR: the built-in rules never change");
        }
        if ((workers != null && workers < 1) || queue < 0 || (batchThreads != null && batchThreads < 1)) {
            throw usage("--workers and --batch-threads must be at least 1, --queue at least 0");
        }
        if (timeBudget <= 0 || readTimeout <= 0 || shutdownGrace < 0 || minDataRate < 0) {
            throw usage("--time-budget and --read-timeout must be positive, --shutdown-grace and --min-data-rate not negative");
        }
        if (rules != null && !Files.isDirectory(rules)) {
            throw new InputFileException(rules + ": no such directory");
        }
        Tokens tokenHashes = null;
        if (tokens != null) {
            try {
                tokenHashes = Tokens.read(tokens);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new InputFileException(tokens + ": no such file");
            } catch (IllegalArgumentException e) {
                throw new InputFileException(e.getMessage());
            }
        }
        String password = System.getenv("PREFLIGHT_TLS_PASSWORD");
        if (keystore != null && !Files.isRegularFile(keystore)) {
            throw new InputFileException(keystore + ": no such file");
        }
        if (passwordFile != null) {
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new InputFileException(passwordFile + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        ServerOptions o = new ServerOptions(bind, port, rules, rulesOption.cacheDir(console), watch, tokens == null ? null : tokens, keystore, password,
                workers != null ? workers : cores, queue, seconds(timeBudget), seconds(readTimeout), minDataRate,
                batchThreads != null ? batchThreads : cores, seconds(shutdownGrace));
        PreflightServer server;
        try {
            server = PreflightServer.start(o, tokenHashes, Main.version("version"));
        } catch (IOException e) {
            console.err().println("preflight: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
        Thread hook = new Thread(server::stop, "preflight-sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        console.err().println("preflight: listening on " + server.uri() + " (rules loading)");
        console.err().flush();
        Report.RulesInfo loaded;
        try {
            loaded = server.ready().get();
        } catch (ExecutionException e) {
            server.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e.getCause() instanceof Exception x ? x : e;
        }
        console.err().println("preflight: ready: rules " + loaded.source() + " (" + loaded.hash() + ", " + loaded.checks() + " checks)");
        console.err().flush();
        server.join();
        return ExitCodes.ELIGIBLE;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    private picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
}
