package dev.preflight.server;

import dev.preflight.api.Evaluator;
import dev.preflight.api.InvalidRulesException;
import dev.preflight.api.Report;
import dev.preflight.api.RuleProblem;
import dev.preflight.api.RulesListener;
import dev.preflight.api.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluator per language the rules have texts for (English, Simplified and Traditional
 * Chinese for the built-in rules), as the command line builds one per {@code --locale}: a report
 * through the service is the same as the command line's in every language. With {@code watch},
 * each reloads its rules when they change and keeps the last good rules when they do not compile.
 */
final class Evaluators implements AutoCloseable {

    private final Map<Locale, Evaluator> byLocale;

    private Evaluators(Map<Locale, Evaluator> byLocale) {
        this.byLocale = byLocale;
    }

    /**
     * Loads the rules once per language.
     *
     * @param listener hears the English evaluator's reloads (one event per change, not one per language)
     * @throws InvalidRulesException when the rules do not load
     */
    static Evaluators load(ServerOptions o, RulesListener listener) {
        Map<Locale, Evaluator> m = new LinkedHashMap<>();
        try {
            for (String tag : Texts.SHIPPED) {
                Locale l = RequestParsing.locale(tag);
                Evaluator.Builder b = Evaluator.builder().locale(l);
                if (o.rules() != null) {
                    b.rulesDirectory(o.rules());
                    if (o.watch()) {
                        b.watchRules(l.equals(Locale.ROOT) ? listener : new RulesListener() { });
                    }
                }
                if (o.rulesCache() != null) {
                    b.compiledRulesCache(o.rulesCache());
                }
                try {
                    m.put(l, b.build());
                } catch (IllegalArgumentException noTextsForThisLanguage) {
                    if (l.equals(Locale.ROOT)) {
                        throw noTextsForThisLanguage;
                    }
                }
            }
        } catch (RuntimeException e) {
            m.values().forEach(Evaluator::close);
            throw e;
        }
        return new Evaluators(m);
    }

    /** The English evaluator: the rules' catalogue order, source and hash. */
    Evaluator english() {
        return byLocale.get(Locale.ROOT);
    }

    /** The evaluator of a language, or 400 naming the languages there are. */
    Evaluator of(Locale language) {
        Evaluator e = byLocale.get(language);
        if (e == null) {
            List<String> tags = new ArrayList<>();
            byLocale.keySet().forEach(l -> tags.add(Texts.tag(l)));
            throw Problem.of(400, "bad-locale", "Unknown locale", "no texts for locale " + language.toLanguageTag() + "; there are: "
                    + String.join(", ", tags)).exception();
        }
        return e;
    }

    /** The rules in use. */
    Report.RulesInfo rules() {
        return english().rules();
    }

    /** Warnings found while loading them. */
    List<RuleProblem> warnings() {
        return english().warnings();
    }

    @Override
    public void close() {
        byLocale.values().forEach(Evaluator::close);
    }
}
