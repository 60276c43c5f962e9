package dev.preflight.engine;

import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.RulesListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a rules directory and swaps in new rules when it changes. Polls the content hash of the
 * rule and table files (robust on any file system, including network mounts where change events
 * are unreliable) and reloads only once the content has stayed the same for two polls, so that an
 * analyst saving several files is not caught half-way. Compiling happens on the watcher's own
 * thread, never on an evaluation's; the swap is atomic, and only rules that load are swapped in.
 * After a failed reload the listener hears again either when fixed rules load
 * ({@link RulesListener#reloaded}) or when the files return to the rules in use
 * ({@link RulesListener#recovered}).
 */
public final class RulesWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

    private final Path dir;
    private final Path cacheDir;
    private final RuleBase.Limits limits;
    private final AtomicReference<RuleBase> current;
    private final RulesListener listener;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastFailedHash;

    /**
     * Starts watching.
     *
     * @param dir      the rules directory
     * @param cacheDir the compiled-rules cache, or {@code null}
     * @param limits   the per-tenant limits of the rules it loads
     * @param current  the rules in use, replaced on a successful reload
     * @param listener told of each reload and each failed one
     * @param interval how often to look for changes
     */
    public RulesWatcher(Path dir, Path cacheDir, RuleBase.Limits limits, AtomicReference<RuleBase> current, RulesListener listener, Duration interval) {
        this.dir = dir;
        this.cacheDir = cacheDir;
        this.limits = limits;
        this.current = current;
        this.listener = listener;
        this.interval = interval;
        this.thread = new Thread(this::run, "preflight-rules-watcher " + dir);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        String seen = current.get().info().hash();
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
                String now = hashOrNull();
                if (now != null && now.equals(current.get().info().hash())) {
                    seen = now;
                    if (lastFailedHash != null) {
                        // The files are back to the rules in use: the failure no longer stands.
                        lastFailedHash = null;
                        LOG.info("rules in {} are back to the rules in use: {}", dir, now);
                        RuleBase inUse = current.get();
                        notify(l -> l.recovered(inUse.info()));
                    }
                    continue;
                }
                if (now == null) {
                    seen = null;
                    continue;
                }
                if (!now.equals(seen)) {
                    seen = now; // changed since the last poll: wait until it stays still
                    continue;
                }
                if (now.equals(lastFailedHash)) {
                    continue; // already reported; wait for the next edit
                }
                reload();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("rules watcher of {}: {}", dir, e.toString());
            }
        }
    }

    private String hashOrNull() {
        try {
            return RuleFiles.fromDirectory(dir).contentHash();
        } catch (RuntimeException e) {
            return null; // the directory is being rewritten, or gone for a moment: look again later
        }
    }

    /** Loads the directory now and swaps the rules in if they load. */
    void reload() {
        RuleFiles files = null;
        RuleBase fresh;
        try {
            files = RuleFiles.fromDirectory(dir);
            fresh = RuleBase.load(files, cacheDir, limits);
        } catch (InvalidRulesException e) {
            // The content that failed, not the directory's content now: a file read while an editor
            // was still writing it fails, and its finished content must still be loaded.
            lastFailedHash = files != null ? files.contentHash() : hashOrNull();
            LOG.warn("rules in {} did not reload, still using the previous rules: {}", dir, e.getMessage());
            notify(l -> l.reloadFailed(e, current.get().info()));
            return;
        }
        lastFailedHash = null;
        RuleBase old = current.getAndSet(fresh);
        old.retire();
        LOG.info("rules reloaded from {}: {} ({} checks)", dir, fresh.info().hash(), fresh.catalogue().checks().size());
        notify(l -> l.reloaded(fresh.info(), fresh.warnings()));
    }

    private void notify(Consumer<RulesListener> call) {
        if (listener == null) {
            return;
        }
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("rules listener failed: {}", e.toString());
        }
    }

    /** Stops watching; waits for a reload in progress to finish. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
