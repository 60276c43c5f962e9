package dev.preflight.cli;

import dev.preflight.api.Evaluator;
import dev.preflight.api.RuleProblem;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that evaluates shares. */
final class CommonOptions {

    @picocli.CommandLine.Mixin
    RulesOption rules = new RulesOption(); // set, so that code and tests may build the options without picocli

    @picocli.CommandLine.Mixin
    ColorOption color = new ColorOption();

    @Option(names = "--waivers", paramLabel = "FILE",
            description = "Waivers (YAML or JSON): accepted findings, per check, tenant and subject, until a date; the verdict leaves them out.")
    Path waivers;

    @Option(names = {"-v", "--verbose"}, description = "Show rule warnings, and stack traces on errors.")
    boolean verbose;

    Evaluator evaluator(Console console) {
        return evaluator(console, java.util.Locale.ROOT, null);
    }

    /** An evaluator whose reports are in the language; {@code locales} reports a language the rules have no texts for as a usage error. */
    Evaluator evaluator(Console console, java.util.Locale language, LocaleOption locales) {
        Evaluator.Builder b = Evaluator.builder().locale(language);
        if (rules.dir() != null) {
            b.rulesDirectory(rules.dir());
        }
        if (rules.cacheDir(console) != null) {
            b.compiledRulesCache(rules.cacheDir(console));
        }
        if (waivers != null) {
            if (java.nio.file.Files.isDirectory(waivers)) {
                throw new InputFileException(waivers + ": is a folder: --waivers takes one waivers file (YAML or JSON)");
            }
            if (!java.nio.file.Files.isRegularFile(waivers)) {
                throw new InputFileException(waivers + ": no such file");
            }
            try {
                b.waivers(dev.preflight.api.Waivers.read(waivers));
            } catch (java.io.UncheckedIOException e) {
                throw new InputFileException(e.getMessage());
            }
        }
        Evaluator e;
        try {
            e = b.build();
        } catch (IllegalArgumentException unsupportedLocale) {
            // The only argument build() judges is the language (the builder checked the rest).
            if (locales == null) {
                throw unsupportedLocale;
            }
            throw locales.usage(unsupportedLocale.getMessage());
        }
        if (verbose) {
            for (RuleProblem w : e.warnings()) {
                console.err().println("preflight: " + w);
            }
        }
        return e;
    }
}
