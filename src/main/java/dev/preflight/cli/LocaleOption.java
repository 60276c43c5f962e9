package dev.preflight.cli;

import dev.preflight.api.Texts;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --locale}: the language of a command's output. Without it, output people read (text,
 * HTML, summaries) follows the system's language when Preflight ships it (English, Simplified or
 * Traditional Chinese), and machine output (JSON, CSV) stays English so that it compares stably.
 */
final class LocaleOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--locale", paramLabel = "en|zh-CN|zh-TW",
            description = "Language of the output: en, zh-CN or zh-TW (default: the system's for text and HTML when it is one of them, "
                    + "English for JSON and CSV).")
    private String locale;

    /** Whether {@code --locale} was given. */
    boolean given() {
        return locale != null;
    }

    /**
     * The language of the output.
     *
     * @param forPeople whether the output is read by people (text, HTML) rather than machines (JSON, CSV)
     */
    Locale choose(boolean forPeople, Console console) {
        if (locale != null) {
            return parse(locale);
        }
        return forPeople ? system(console.env()) : Locale.ROOT;
    }

    /**
     * The words, shipped in the jar, of output people read, for commands that evaluate nothing
     * (report, diff, rules check, rules test): in {@code --locale}, else the system's language.
     */
    Texts texts(Console console) {
        Locale language = choose(true, console);
        Texts texts = Texts.builtIn(language);
        if (texts.locale().equals(Locale.ROOT) && !language.equals(Locale.ROOT)) {
            throw usage("no texts for locale " + language.toLanguageTag() + "; there are: " + String.join(", ", Texts.SHIPPED));
        }
        return texts;
    }

    /** The system's language when Preflight ships texts for it, else English. */
    static Locale system(Map<String, String> env) {
        String posix = null;
        for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                posix = v;
                break;
            }
        }
        Locale l = posix != null ? fromPosix(posix) : Locale.getDefault();
        return l.getLanguage().equals("zh") ? l : Locale.ROOT;
    }

    /** {@code zh_TW.UTF-8}, {@code zh_CN@euro}, {@code C}: the language and country of a POSIX locale name. */
    static Locale fromPosix(String name) {
        String base = name.split("[.@]", 2)[0];
        if (base.isEmpty() || base.equals("C") || base.equals("POSIX")) {
            return Locale.ROOT;
        }
        try {
            return Locale.forLanguageTag(base.replace('_', '-'));
        } catch (IllformedLocaleException e) {
            return Locale.ROOT;
        }
    }

    private Locale parse(String tag) {
        Locale l = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        if (l.getLanguage().isEmpty()) {
            throw usage("--locale must be a language tag such as en, zh-CN or zh-TW, not '" + tag + "'");
        }
        return l.getLanguage().equals("en") ? Locale.ROOT : l;
    }

    /** A usage error of the command this option belongs to. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
