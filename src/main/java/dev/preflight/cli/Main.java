package dev.preflight.cli;

import dev.preflight.api.InvalidFactsException;
import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.RuleProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import picocli.CommandLine;

/** The {@code preflight} command line. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        configureLogging(Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
        preload();
        System.exit(run(Console.system(), args));
    }

    /**
     * Starts, on the second core, the class loading every evaluation needs (the JSON reader of the
     * facts, Drools' services) while picocli builds its model on this thread: a one-shot run is
     * mostly class loading, and this part of it used to wait for the command line to be parsed.
     * Only a head start: whatever fails here is loaded, and reported, by the command itself.
     */
    private static void preload() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("dev.preflight.api.FactsReader", true, Main.class.getClassLoader());
                org.kie.api.KieServices.Factory.get();
            } catch (Throwable ignored) {
                // the command loads these itself
            }
        }, "preflight-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Runs the command line against the given console; returns the exit code. Never exits. */
    public static int run(Console console, String... args) {
        PreflightCommand top = new PreflightCommand(console);
        CommandLine cl = top.commandLine(args);
        OptionGroups.install(cl);
        cl.setOut(new PrintWriter(console.out(), true));
        cl.setErr(new PrintWriter(console.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, console, verbose));
        // A usage error in one line (and picocli's "did you mean" for a mistyped name), then where
        // the options are: the whole help after every typo buries the line that matters.
        cl.setParameterExceptionHandler((ex, given) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = new PrintWriter(console.err(), true);
            err.println("preflight: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for its options.");
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        if (args.length == 0) {
            cl.usage(console.err());
            return ExitCodes.USAGE;
        }
        return cl.execute(args);
    }

    private static int handle(Exception ex, Console console, boolean verbose) {
        int code;
        if (ex instanceof InvalidFactsException e) {
            console.err().println("preflight: invalid input: " + e.getMessage());
            code = ExitCodes.INVALID;
        } else if (ex instanceof InvalidRulesException e) {
            console.err().println("preflight: invalid rules:");
            for (RuleProblem p : e.problems()) {
                if (p.isError() || verbose) {
                    console.err().println("  " + p);
                    if (!p.excerpt().isEmpty()) {
                        console.err().println("      " + p.excerpt());
                    }
                }
            }
            code = ExitCodes.INVALID;
        } else if (ex instanceof dev.preflight.collection.UnusableCollectionException e) {
            console.err().println("preflight: unusable collection: " + e.getMessage());
            code = ExitCodes.UNUSABLE_COLLECTION;
        } else if (ex instanceof dev.preflight.api.InvalidWaiversException e) {
            console.err().println("preflight: invalid waivers: " + e.getMessage());
            code = ExitCodes.INVALID_WAIVERS;
        } else if (ex instanceof InputFileException e) {
            console.err().println("preflight: " + e.getMessage());
            code = ExitCodes.NO_INPUT;
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            console.err().println("preflight: I/O error: " + ex.getMessage());
            code = ExitCodes.IO_ERROR;
        } else {
            console.err().println("preflight: internal error: " + ex);
            code = ExitCodes.INTERNAL;
        }
        if (verbose) {
            ex.printStackTrace(console.err());
        }
        return code;
    }

    /** A version written into the jar at build time: {@code version} (Preflight's) or {@code drools}. */
    static String version(String key) {
        try (InputStream in = Main.class.getResourceAsStream("/preflight/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Quiet by default: the CLI reports problems itself; Drools' own logging only with --verbose. */
    private static void configureLogging(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.drools", verbose ? "warn" : "off");
        setIfAbsent("org.slf4j.simpleLogger.log.org.kie", verbose ? "warn" : "off");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
