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
    /** Per requirement, the index of its {@code when} among the distinct ones, or -1 for none. */
    private final int[] whenIndex;
    private final Expr.Node[] whens;
    private final Messages messages;
    private final int maxSteps;

    Requirements(List<CheckDeclarations.CheckDecl> checks, Messages messages) {
        List<CheckDeclarations.Requirement> list = new ArrayList<>();
        checks.forEach(c -> list.addAll(c.requires()));
        this.all = List.copyOf(list);
        // Many requirements share a condition (17 distinct of 40 in the shipped catalogue): each
        // distinct one is evaluated once per tenant.
        java.util.Map<String, Integer> distinct = new java.util.HashMap<>();
        List<Expr.Node> nodes = new ArrayList<>();
        this.whenIndex = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            Expr.Node when = all.get(i).when();
            if (when == null) {
                whenIndex[i] = -1;
            } else {
                whenIndex[i] = when.source == null ? nodes.size() : distinct.computeIfAbsent(when.source, k -> nodes.size());
                if (whenIndex[i] == nodes.size()) {
                    nodes.add(when);
                }
            }
        }
        this.whens = nodes.toArray(new Expr.Node[0]);
        this.maxSteps = list.stream().mapToInt(r -> r.steps().size()).max().orElse(0);
        this.messages = messages;
    }

    /** Adds what every check is missing for this tenant. */
    void collect(RequirementScope scope, Locale locale, Sink sink) {
        int[] indexes = new int[maxSteps];
        byte[] holds = new byte[whens.length]; // 0: not evaluated yet, 1: holds, 2: does not
        for (int i = 0; i < all.size(); i++) {
            int w = whenIndex[i];
            if (w >= 0) {
                if (holds[w] == 0) {
                    holds[w] = whens[w].test(null, scope) ? (byte) 1 : (byte) 2;
                }
                if (holds[w] == 2) {
                    continue;
                }
            }
            walk(all.get(i), scope, 0, indexes, scope, locale, sink);
        }
    }

    /**
     * Follows the requirement's path from {@code owner} at step {@code i}. The list indexes taken so
     * far are in {@code indexes}; the path is spelled out only when something is missing, since
     * almost every requirement of almost every tenant is met.
     */
    private void walk(CheckDeclarations.Requirement r, Object owner, int i, int[] indexes, RequirementScope root, Locale locale, Sink sink) {
        List<Expr.Step> steps = r.steps();
        Expr.Step step = steps.get(i);
        Object value = step.getter().apply(owner);
        boolean last = i == steps.size() - 1;
        if (value == null) {
            if (Expr.isContainer(step.type())) {
                value = Expr.empty(step.type());
            } else if (step.optional()) {
                return;
            } else {
                report(r, owner, i, indexes, false, last ? r.absent() : null, root, locale, sink);
                return;
            }
        }
        if (last) {
            if (r.known() != null && !r.known().test(owner == root ? null : owner, root)) {
                report(r, owner, i, indexes, true, r.reason(), root, locale, sink);
            }
            return;
        }
        if (step.list()) {
            List<?> list = (List<?>) value;
            for (int k = 0; k < list.size(); k++) {
                Object e = list.get(k);
                if (e != null && (step.filter() == null || step.filter().test(e, root))) {
                    indexes[i] = k;
                    walk(r, e, i + 1, indexes, root, locale, sink);
                }
            }
        } else {
            walk(r, value, i + 1, indexes, root, locale, sink);
        }
    }

    /** The path of the owner of step {@code i}: the steps before it, with the indexes taken ({@code onPremises.forests[0]}). */
    private static String prefix(List<Expr.Step> steps, int i, int[] indexes) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < i; j++) {
            Expr.Step s = steps.get(j);
            if (j > 0) {
                b.append('.');
            }
            b.append(s.name());
            if (s.list()) {
                b.append('[').append(indexes[j]).append(']');
            }
        }
        return b.toString();
    }

    /** Names a missing field; {@code known} when a present value failed {@code known} (then {@code at} applies). */
    private void report(CheckDeclarations.Requirement r, Object owner, int i, int[] indexes, boolean known, String reasonKey,
                        RequirementScope root, Locale locale, Sink sink) {
        String prefix = prefix(r.steps(), i, indexes);
        String name = r.steps().get(i).name();
        String here = prefix.isEmpty() ? name : prefix + "." + name;
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
        sink.missing(r.checkId(), new MissingFact(path, reason, null, owner == root ? null : FactInserter.label(owner)));
    }
}
