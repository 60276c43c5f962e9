package dev.preflight.engine;

import dev.preflight.api.MissingFact;
import dev.preflight.rules.RequirementScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Derives what each check is missing from its declared requirements: walks each required path
 * through the tenant's facts and names every field that is absent (a list that was not collected,
 * a null value) or present but not {@code known} (a value the tables do not recognise). Objects
 * that always exist in the input's structure (the tenant, the Connect server, ...) stand empty
 * when absent, so the field below them is named, as the rules see them.
 */
final class Requirements {

    /** Where the missing facts go: a check id and an entry. */
    interface Sink {
        void missing(String checkId, MissingFact fact);
    }

    private final List<CheckDeclarations.Requirement> all;
    private final Messages messages;

    Requirements(List<CheckDeclarations.CheckDecl> checks, Messages messages) {
        List<CheckDeclarations.Requirement> list = new ArrayList<>();
        checks.forEach(c -> list.addAll(c.requires()));
        this.all = List.copyOf(list);
        this.messages = messages;
    }

    /** Adds what every check is missing for this tenant. */
    void collect(RequirementScope scope, Locale locale, Sink sink) {
        for (CheckDeclarations.Requirement r : all) {
            if (r.when() == null || r.when().test(null, scope)) {
                walk(r, scope, "", 0, scope, locale, sink);
            }
        }
    }

    private void walk(CheckDeclarations.Requirement r, Object owner, String prefix, int i, RequirementScope root, Locale locale, Sink sink) {
        Expr.Step step = r.steps().get(i);
        Object value = Expr.invoke(step.accessor(), owner);
        String here = prefix.isEmpty() ? step.name() : prefix + "." + step.name();
        boolean last = i == r.steps().size() - 1;
        if (value == null) {
            if (Expr.isContainer(step.type())) {
                value = Expr.empty(step.type());
            } else if (step.optional()) {
                return;
            } else {
                report(r, owner, prefix, here, false, last ? r.absent() : null, root, locale, sink);
                return;
            }
        }
        if (last) {
            if (r.known() != null && !r.known().test(owner == root ? null : owner, root)) {
                report(r, owner, prefix, here, true, r.reason(), root, locale, sink);
            }
            return;
        }
        if (step.list()) {
            List<?> list = (List<?>) value;
            for (int k = 0; k < list.size(); k++) {
                Object e = list.get(k);
                if (e != null && (step.filter() == null || step.filter().test(e, root))) {
                    walk(r, e, here + "[" + k + "]", i + 1, root, locale, sink);
                }
            }
        } else {
            walk(r, value, here, i + 1, root, locale, sink);
        }
    }

    /** Names a missing field; {@code known} when a present value failed {@code known} (then {@code at} applies). */
    private void report(CheckDeclarations.Requirement r, Object owner, String prefix, String here, boolean known, String reasonKey,
                        RequirementScope root, Locale locale, Sink sink) {
        String path = r.at() == null || !known ? here : prefix.isEmpty() ? r.at() : prefix + "." + r.at();
        String reason = MissingFact.NOT_COLLECTED;
        if (reasonKey != null) {
            Object current = owner == root ? null : owner;
            List<Object> args = new ArrayList<>(r.args().size());
            for (Expr.Node a : r.args()) {
                args.add(Arguments.normalize(a.eval(current, root)));
            }
            String text = messages.format(reasonKey, args, locale);
            reason = text == null ? reasonKey : text;
        }
        sink.missing(r.checkId(), new MissingFact(path, reason));
    }
}
