package dev.preflight.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The service's metrics, in a registry of its own (no global state): requests by route, method
 * and status with a latency histogram, verdicts, rule reloads, rejections, and the JVM's memory
 * and threads. {@code GET /metrics} serves them in Prometheus' text format.
 */
final class Metrics {

    /** The content type of the Prometheus text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The latency histogram's buckets: a few per decade, from 5 ms to a minute. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    /** A request served: its route (the path template, never the raw path), method, status and time. */
    void request(String route, String method, int status, long nanos) {
        Timer.builder("preflight.http.requests")
                .description("HTTP requests by route, method and status")
                .tags("route", route, "method", method, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A tenant evaluated, by its verdict (evaluations and each record of a batch). */
    void verdict(String verdict) {
        Counter.builder("preflight.verdicts").description("Tenants evaluated, by verdict").tag("verdict", verdict).register(registry).increment();
    }

    /** Rules reloaded ({@code success}) or an edit that did not compile ({@code failure}). */
    void reload(String outcome) {
        Counter.builder("preflight.rule.reloads").description("Rule reloads of --watch, by outcome").tag("outcome", outcome).register(registry)
                .increment();
    }

    /** A request refused: {@code queue-full}, {@code timeout}, {@code too-large}, {@code unauthorized}, {@code forbidden}, {@code shutting-down}. */
    void rejection(String reason) {
        Counter.builder("preflight.rejections").description("Requests refused, by reason").tag("reason", reason).register(registry).increment();
    }

    /** The Prometheus text. */
    String scrape() {
        return registry.scrape();
    }

    void close() {
        registry.close();
    }
}
