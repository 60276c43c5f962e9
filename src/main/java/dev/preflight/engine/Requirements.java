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

    /** The walk of one catalogue compiled to code ({@link RequirementWalks}); reports through this class. */
    interface Walk {
        void collect(RequirementScope scope, Locale locale, Sink sink);
    }

    private final List<CheckDeclarations.Requirement> all;
    /** Per requirement, the index of its {@code when} among the distinct ones, or -1 for none. */
    private final int[] whenIndex;
    private final Expr.Node[] whens;
    private final Messages messages;
    private final int maxSteps;
    /** The requirements' paths, steps they share walked once. */
    private final PathNode[] roots;
    /**
     * Tenants walked by the interpreter before the compiled walk is attached. Attaching (the
     * source generated again to be compared, a class of 100 KB loaded, its call sites linked) took
     * 10-100 ms of a one-tenant run's start, which the interpreter's walk of one tenant does not;
     * a batch or the service reaches this within its first second.
     */
    static final int COMPILE_AFTER = 200;

    /** Whether to look for the compiled walk (tests compare both). */
    private final boolean compile;
    /** The same walk compiled when the jar was built, when this is the catalogue it was built from; else null. */
    private volatile Walk compiled;
    /** Tenants walked so far, counted without synchronisation: only its order of magnitude matters. */
    private int walked;
    private volatile boolean attached;

    Requirements(List<CheckDeclarations.CheckDecl> checks, Messages messages) {
        this(checks, messages, true);
    }

    /** @param compile whether to use the compiled walk when there is one for this catalogue, once {@link #COMPILE_AFTER} tenants were walked */
    Requirements(List<CheckDeclarations.CheckDecl> checks, Messages messages, boolean compile) {
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
        this.roots = tree(all);
        this.messages = messages;
        this.compile = compile;
    }

    /** Attaches the compiled walk now, if there is one for this catalogue, instead of after {@link #COMPILE_AFTER} tenants. */
    Requirements attachCompiled() {
        if (compile && !attached) {
            synchronized (this) {
                if (!attached) {
                    compiled = RequirementWalks.attach(this);
                    attached = true;
                }
            }
        }
        return this;
    }

    /** Whether the walk runs as compiled code. */
    boolean isCompiled() {
        return compiled != null;
    }

    // What the generator reads.
    int size() {
        return all.size();
    }

    CheckDeclarations.Requirement requirement(int r) {
        return all.get(r);
    }

    Expr.Node[] whens() {
        return whens.clone();
    }

    int whenIndex(int r) {
        return whenIndex[r];
    }

    int maxSteps() {
        return maxSteps;
    }

    PathNode[] roots() {
        return roots.clone();
    }

    /** Adds what every check is missing for this tenant. */
    void collect(RequirementScope scope, Locale locale, Sink sink) {
        Walk walk = compiled;
        if (walk != null) {
            walk.collect(scope, locale, sink);
            return;
        }
        if (compile && !attached && ++walked >= COMPILE_AFTER) {
            attachCompiled();
        }
        int[] indexes = new int[maxSteps];
        byte[] holds = new byte[whens.length]; // 0: not evaluated yet, 1: holds, 2: does not
        boolean[] active = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            int w = whenIndex[i];
            if (w >= 0 && holds[w] == 0) {
                holds[w] = whens[w].test(null, scope) ? (byte) 1 : (byte) 2;
            }
            active[i] = w < 0 || holds[w] == 1;
        }
        for (PathNode root : roots) {
            walk(root, scope, indexes, active, scope, locale, sink);
        }
    }

    /**
     * One step of the paths that share it and every step before it ({@code onPremises.connect} in
     * 15 requirements): its value is read, and its list filtered, once per tenant for all of them.
     */
    static final class PathNode {
        final Expr.Step step;
        final int depth;
        final List<PathNode> children = new ArrayList<>();
        /** The requirements (indexes into {@code all}) whose path takes this step, in catalogue order. */
        int[] through = new int[0];
        /** Those whose path ends here. */
        int[] ends = new int[0];

        PathNode(Expr.Step step, int depth) {
            this.step = step;
            this.depth = depth;
        }

        boolean anyActive(boolean[] active) {
            for (int r : through) {
                if (active[r]) {
                    return true;
                }
            }
            return false;
        }

        static int[] plus(int[] a, int v) {
            int[] out = java.util.Arrays.copyOf(a, a.length + 1);
            out[a.length] = v;
            return out;
        }
    }

    /**
     * The requirements' paths as a tree of shared steps. Two paths share a step when their texts
     * up to and including it are the same: the same text binds to the same members and filters.
     */
    private static PathNode[] tree(List<CheckDeclarations.Requirement> all) {
        java.util.Map<String, PathNode> byPrefix = new java.util.LinkedHashMap<>();
        List<PathNode> roots = new ArrayList<>();
        for (int r = 0; r < all.size(); r++) {
            CheckDeclarations.Requirement req = all.get(r);
            List<Expr.Step> steps = req.steps();
            PathNode parent = null;
            for (int d = 0; d < steps.size(); d++) {
                String key = prefix(req, r, d);
                PathNode node = byPrefix.get(key);
                if (node == null) {
                    node = new PathNode(steps.get(d), d);
                    byPrefix.put(key, node);
                    (parent == null ? roots : parent.children).add(node);
                }
                node.through = PathNode.plus(node.through, r);
                if (d == steps.size() - 1) {
                    node.ends = PathNode.plus(node.ends, r);
                }
                parent = node;
            }
        }
        return roots.toArray(new PathNode[0]);
    }

    /** The text of the path up to and including step {@code d}; a path whose columns do not fit its text shares nothing. */
    private static String prefix(CheckDeclarations.Requirement r, int index, int d) {
        String text = r.text().strip();
        List<Expr.Step> steps = r.steps();
        if (d == steps.size() - 1) {
            return text;
        }
        int next = steps.get(d + 1).column() - 1;
        if (next <= 0 || next > r.text().length()) {
            return "\u0000" + index + "/" + d;
        }
        String head = r.text().substring(0, next).strip();
        if (!head.endsWith(".")) {
            return "\u0000" + index + "/" + d;
        }
        return head.substring(0, head.length() - 1).strip();
    }

    /**
     * Follows the shared step {@code node} from {@code owner}. The list indexes taken so far are in
     * {@code indexes}; a path is spelled out only when something is missing, since almost every
     * requirement of almost every tenant is met. What each requirement reports is what following
     * its own path alone would report.
     */
    private void walk(PathNode node, Object owner, int[] indexes, boolean[] active, RequirementScope root, Locale locale, Sink sink) {
        if (!node.anyActive(active)) {
            return; // every path through it has a when that does not hold
        }
        Expr.Step step = node.step;
        int i = node.depth;
        Object value = step.getter().apply(owner);
        if (value == null) {
            if (Expr.isContainer(step.type())) {
                value = Expr.empty(step.type());
            } else if (step.optional()) {
                return;
            } else {
                absent(node.through, owner, i, indexes, active, root, locale, sink);
                return;
            }
        }
        for (int r : node.ends) {
            CheckDeclarations.Requirement req = all.get(r);
            if (active[r] && req.known() != null && !req.known().test(owner == root ? null : owner, root)) {
                unknown(r, owner, i, indexes, root, locale, sink);
            }
        }
        if (node.children.isEmpty()) {
            return;
        }
        if (step.list()) {
            List<?> list = (List<?>) value;
            for (int k = 0; k < list.size(); k++) {
                Object e = list.get(k);
                if (e != null && (step.filter() == null || step.filter().test(e, root))) {
                    indexes[i] = k;
                    for (PathNode child : node.children) {
                        walk(child, e, indexes, active, root, locale, sink);
                    }
                }
            }
        } else {
            for (PathNode child : node.children) {
                walk(child, value, indexes, active, root, locale, sink);
            }
        }
    }

    /** Step {@code i} of the active requirements {@code through} it is absent from {@code owner}. */
    void absent(int[] through, Object owner, int i, int[] indexes, boolean[] active, RequirementScope root, Locale locale, Sink sink) {
        for (int r : through) {
            if (active[r]) {
                CheckDeclarations.Requirement req = all.get(r);
                report(req, owner, i, indexes, false, i == req.steps().size() - 1 ? req.absent() : null, root, locale, sink);
            }
        }
    }

    /** Requirement {@code r}'s value, the last step from {@code owner}, is present but not {@code known}. */
    void unknown(int r, Object owner, int i, int[] indexes, RequirementScope root, Locale locale, Sink sink) {
        CheckDeclarations.Requirement req = all.get(r);
        report(req, owner, i, indexes, true, req.reason(), root, locale, sink);
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
