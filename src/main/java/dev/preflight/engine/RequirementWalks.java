package dev.preflight.engine;

import dev.preflight.rules.RequirementScope;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requirement walk of {@link Requirements} as Java code. Every condition, filter and path step
 * of the catalogue becomes a method that reads the records' fields in place, so the JIT compiles a
 * tenant's walk as straight code instead of interpreting a tree of nodes through calls that see
 * many classes: the interpreted walk was about 7 µs of a tenant's 36 in the rules step.
 *
 * <p>The code is generated and compiled when the jar is built, for the built-in catalogue only
 * ({@link RulesBundler}): compiling Java at run time costs about a second, which an analyst's
 * {@code rules check} would pay at every edit. A load uses the compiled class only when the
 * catalogue it bound generates the very same source, recognised by its SHA-256 in the class; an
 * edited catalogue, or a generator changed without rebuilding, is walked by the interpreter. The
 * generated code does what the interpreter does, node for node. The rules' terms
 * ({@code writebackAdmin(this)}, {@code tables.windowsServer(...)}) are called through
 * {@link #term}; a member of two or more arguments is left to the interpreter's node.
 */
final class RequirementWalks {

    private static final Logger LOG = LoggerFactory.getLogger(RequirementWalks.class);

    /** The generated class, in this package so that it may call the package's own types. */
    static final String CLASS_NAME = "dev.preflight.engine.GeneratedRequirementWalk";
    private static final String SIMPLE_NAME = CLASS_NAME.substring(CLASS_NAME.lastIndexOf('.') + 1);
    /** The constant holding the SHA-256 of the source without this line. */
    private static final String HASH_FIELD = "SOURCE_SHA256";

    /** One catalogue's walk as source: the text, its hash, and the values its constructor takes. */
    record Source(String text, String sha256, Object[] constants) {
    }

    private RequirementWalks() {
    }

    /**
     * The compiled walk for this catalogue, or null when the jar carries none that was generated
     * from exactly it.
     */
    static Requirements.Walk attach(Requirements requirements) {
        Class<?> type;
        try {
            type = Class.forName(CLASS_NAME, true, RequirementWalks.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // a build without the generated walk (the build step itself)
        }
        Source source = generate(requirements);
        try {
            Object hash = type.getDeclaredField(HASH_FIELD).get(null);
            if (!source.sha256().equals(hash)) {
                LOG.debug("requirement walk: the catalogue differs from the built-in one; interpreted");
                return null;
            }
            return (Requirements.Walk) type.getDeclaredConstructor(Requirements.class, Object[].class)
                    .newInstance(requirements, source.constants());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("requirement walk: the compiled walk could not be used ({}); interpreted", e.toString());
            return null;
        }
    }

    /** The walk of this catalogue as the source of {@link #CLASS_NAME}. */
    static Source generate(Requirements requirements) {
        return generate(requirements, SIMPLE_NAME);
    }

    /** The same as a class of another name in this package (tests compile walks of their own catalogues). */
    static Source generate(Requirements requirements, String simpleName) {
        Generator g = new Generator(requirements, simpleName);
        String body = g.source();
        String hash = sha256(body);
        String text = body.replace(HASH_LINE_MARK, "    static final String " + HASH_FIELD + " = \"" + hash + "\";\n");
        return new Source(text, hash, g.constants.toArray());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String HASH_LINE_MARK = "    // hash\n";

    /** Whether generated code in this package can name the record. */
    static boolean visible(Class<?> c) {
        if (c.isLocalClass() || c.isHidden() || c.getCanonicalName() == null) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            boolean samePackage = k.getPackageName().equals(RequirementWalks.class.getPackageName());
            if (!Modifier.isPublic(k.getModifiers()) && !(samePackage && !Modifier.isPrivate(k.getModifiers()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the method is a record's field accessor. */
    static boolean isField(Method m) {
        Class<?> owner = m.getDeclaringClass();
        if (!owner.isRecord() || m.getParameterCount() != 0) {
            return false;
        }
        for (java.lang.reflect.RecordComponent rc : owner.getRecordComponents()) {
            if (rc.getAccessor().equals(m)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A term of the rules, called from generated code. Every call goes through this one call
     * site, which sees many terms: the JIT calls them instead of inlining each into every
     * condition (inlined, the walk took 2.8 s of compilation in a batch instead of 0.3 s).
     */
    static Object term(Expr.Accessor term, Object on) {
        return term.apply(on);
    }

    /** A term of one argument, as {@link #term(Expr.Accessor, Object)}. */
    static Object term(Expr.Accessor term, Object on, Object argument) {
        return term.apply(on, argument);
    }

    /** Writes the class: one method per node, one per path step, and {@code collect}. */
    private static final class Generator {
        final Requirements requirements;
        final List<Object> constants = new ArrayList<>();
        final List<String> constantTypes = new ArrayList<>();
        final Map<Expr.Node, Integer> nodes = new IdentityHashMap<>();
        final StringBuilder methods = new StringBuilder();
        final String simpleName;
        int steps;

        Generator(Requirements requirements, String simpleName) {
            this.requirements = requirements;
            this.simpleName = simpleName;
        }

        String source() {
            StringBuilder collect = new StringBuilder();
            collect.append("    @Override\n    public void collect(RequirementScope scope, Locale locale, Requirements.Sink sink) {\n");
            collect.append("        int[] ix = new int[").append(Math.max(1, requirements.maxSteps())).append("];\n");
            collect.append("        boolean[] active = new boolean[").append(requirements.size()).append("];\n");
            Expr.Node[] whens = requirements.whens();
            for (int w = 0; w < whens.length; w++) {
                collect.append("        boolean h").append(w).append(" = t").append(node(whens[w])).append("(null, scope);\n");
            }
            for (int r = 0; r < requirements.size(); r++) {
                int w = requirements.whenIndex(r);
                collect.append("        active[").append(r).append("] = ").append(w < 0 ? "true" : "h" + w).append(";\n");
            }
            for (Requirements.PathNode root : requirements.roots()) {
                collect.append("        w").append(step(root)).append("(scope, ix, active, scope, locale, sink);\n");
            }
            collect.append("    }\n");

            StringBuilder out = new StringBuilder();
            out.append("package ").append(RequirementWalks.class.getPackageName()).append(";\n\n");
            out.append("import dev.preflight.rules.RequirementScope;\nimport java.util.List;\nimport java.util.Locale;\n\n");
            out.append("/** Generated by RequirementWalks from the built-in rules' checks.json when the jar was built: do not edit. */\n");
            out.append("@SuppressWarnings({\"unchecked\", \"rawtypes\", \"unused\"})\n");
            out.append("final class ").append(simpleName).append(" implements Requirements.Walk {\n");
            out.append(HASH_LINE_MARK);
            out.append("    private final Requirements host;\n");
            for (int k = 0; k < constants.size(); k++) {
                out.append("    private final ").append(constantTypes.get(k)).append(" k").append(k).append(";\n");
            }
            out.append("\n    ").append(simpleName).append("(Requirements host, Object[] c) {\n        this.host = host;\n");
            for (int k = 0; k < constants.size(); k++) {
                String t = constantTypes.get(k);
                out.append("        this.k").append(k).append(" = ").append(t.equals("Object") ? "" : "(" + t + ") ").append("c[").append(k).append("];\n");
            }
            out.append("    }\n\n").append(collect).append(methods);
            out.append("\n    private static boolean nonEmpty(Object v) {\n        return v instanceof List && !((List<?>) v).isEmpty();\n    }\n}\n");
            return out.toString();
        }

        private String constant(Object value, String type) {
            constants.add(value);
            constantTypes.add(type);
            return "k" + (constants.size() - 1);
        }

        /** The node's methods ({@code e}: its value, {@code t}: whether it is true); returns its number. */
        int node(Expr.Node n) {
            Integer known = nodes.get(n);
            if (known != null) {
                return known;
            }
            int id = nodes.size();
            nodes.put(n, id);
            String e;
            String t;
            if (n instanceof Expr.Literal lit) {
                if (lit.value == null) {
                    e = "return null;";
                    t = "return false;";
                } else if (lit.value instanceof Boolean b) {
                    e = "return Boolean." + (b ? "TRUE" : "FALSE") + ";";
                    t = "return " + b + ";";
                } else {
                    String k = constant(lit.value, "Object");
                    e = "return " + k + ";";
                    t = "return Boolean.TRUE.equals(" + k + ");";
                }
            } else if (n instanceof Expr.This) {
                e = "return c;";
                t = "return Boolean.TRUE.equals(c);";
            } else if (n instanceof Expr.Call call) {
                String invocation = invocation(call);
                if (invocation == null) {
                    return interpreted(n, id);
                }
                String on = call.target != null ? "e" + node(call.target) + "(c, r)" : call.onRoot ? "r" : "c";
                StringBuilder u = new StringBuilder();
                u.append("Object on = ").append(on).append(";\n        if (on == null) {\n            return null;\n        }\n");
                u.append("        Object v = ").append(invocation).append(";\n");
                if (Expr.isContainer(call.method.getReturnType())) {
                    u.append("        if (v == null) {\n            v = ").append(constant(Expr.empty(call.method.getReturnType()), "Object")).append(";\n        }\n");
                }
                u.append("        return v;");
                method("Object", "u" + id, "Object c, Object r", u.toString());
                if (call.filter == null) {
                    e = "return u" + id + "(c, r);";
                } else {
                    int f = node(call.filter);
                    e = "Object v = u" + id + "(c, r);\n"
                            + "        if (v instanceof List) {\n"
                            + "            List<?> list = (List<?>) v;\n"
                            + "            List<Object> kept = new java.util.ArrayList<>(list.size());\n"
                            + "            for (Object o : list) {\n"
                            + "                if (t" + f + "(o, r)) {\n                    kept.add(o);\n                }\n"
                            + "            }\n            return kept;\n        }\n        return v;";
                    method("boolean", "k" + id, "Object c, Object r",
                            "Object v = u" + id + "(c, r);\n"
                            + "        if (v instanceof List) {\n"
                            + "            for (Object o : (List<?>) v) {\n"
                            + "                if (t" + f + "(o, r)) {\n                    return true;\n                }\n"
                            + "            }\n        }\n        return false;");
                }
                t = "return Boolean.TRUE.equals(e" + id + "(c, r));";
            } else if (n instanceof Expr.Quantifier q) {
                int l = node(q.list);
                // any(list[condition]) stops at the first element that meets it, as the interpreter does.
                String some = q.list instanceof Expr.Call lc && lc.filter != null ? "k" + l + "(c, r)" : "nonEmpty(e" + l + "(c, r))";
                t = "return " + (q.any ? "" : "!") + some + ";";
                e = "return t" + id + "(c, r);";
            } else if (n instanceof Expr.Not not) {
                t = "return !t" + node(not.operand) + "(c, r);";
                e = "return t" + id + "(c, r);";
            } else if (n instanceof Expr.Logic logic) {
                t = "return t" + node(logic.left) + "(c, r) " + (logic.and ? "&&" : "||") + " t" + node(logic.right) + "(c, r);";
                e = "return t" + id + "(c, r);";
            } else if (n instanceof Expr.Compare cmp) {
                StringBuilder b = new StringBuilder();
                b.append("Object a = e").append(node(cmp.left)).append("(c, r);\n        Object b = e").append(node(cmp.right)).append("(c, r);\n");
                if (cmp.equality) {
                    b.append("        return Expr.Compare.same(a, b) ").append(cmp.negated ? "!=" : "==").append(" true;");
                } else {
                    b.append("        if (a == null || b == null) {\n            return false;\n        }\n");
                    b.append("        return Expr.Compare.compare(a, b) ").append(cmp.op.equals("<") || cmp.op.equals("<=") || cmp.op.equals(">") ? cmp.op : ">=").append(" 0;");
                }
                t = b.toString();
                e = "return t" + id + "(c, r);";
            } else {
                return interpreted(n, id);
            }
            method("Object", "e" + id, "Object c, Object r", e);
            method("boolean", "t" + id, "Object c, Object r", t);
            return id;
        }

        /** A node the generated code hands to the interpreter. */
        private int interpreted(Expr.Node n, int id) {
            String k = constant(n, "Expr.Node");
            method("Object", "e" + id, "Object c, Object r", "return " + k + ".eval(c, r);");
            method("boolean", "t" + id, "Object c, Object r", "return " + k + ".test(c, r);");
            if (n instanceof Expr.Call call && call.filter != null) {
                method("boolean", "k" + id, "Object c, Object r", "return ((Expr.Call) " + k + ").anyKept(c, r);");
            }
            return id;
        }

        /**
         * The call of a member on {@code on}, its arguments as the interpreter gives them, or null
         * for one the interpreter's node should make (a member of more than one argument).
         */
        private String invocation(Expr.Call call) {
            if (call.args.length == 0) {
                return access(call.method, "on");
            }
            if (call.args.length > 1) {
                return null;
            }
            String arg = call.constants[0] != null ? constant(call.constants[0], "Object") : "e" + node(call.args[0]) + "(c, r)";
            return "RequirementWalks.term(" + constant(call.member, "Expr.Accessor") + ", on, " + arg + ")";
        }

        /**
         * {@code ((Type) target).field()} for a record's field, read in place; any other member
         * (a term of the rules, such as {@code writebackAdmin}) through {@link RequirementWalks#term},
         * so that the JIT compiles it once instead of into every condition that uses it.
         */
        private String access(Method m, String target) {
            if (isField(m) && visible(m.getDeclaringClass())) {
                return "((" + m.getDeclaringClass().getCanonicalName() + ") " + target + ")." + m.getName() + "()";
            }
            return "RequirementWalks.term(" + constant(new Expr.Accessor(m), "Expr.Accessor") + ", " + target + ")";
        }

        private void method(String type, String name, String params, String body) {
            methods.append("\n    private ").append(type).append(' ').append(name).append('(').append(params).append(") {\n        ")
                    .append(body).append("\n    }\n");
        }

        /** The step's method, as {@link Requirements}' walk follows it; returns its number. */
        int step(Requirements.PathNode p) {
            int id = steps++;
            Expr.Step step = p.step;
            int i = p.depth;
            List<String> childCalls = new ArrayList<>();
            for (Requirements.PathNode child : p.children) {
                childCalls.add("w" + step(child) + "(%s, ix, active, root, locale, sink);");
            }
            StringBuilder b = new StringBuilder();
            b.append("if (!(");
            for (int k = 0; k < p.through.length; k++) {
                b.append(k == 0 ? "" : " || ").append("active[").append(p.through[k]).append("]");
            }
            b.append(")) {\n            return;\n        }\n");
            String read = access(step.accessor(), "owner");
            b.append("        Object value = ").append(read).append(";\n");
            b.append("        if (value == null) {\n");
            if (Expr.isContainer(step.type())) {
                b.append("            value = ").append(constant(Expr.empty(step.type()), "Object")).append(";\n");
            } else if (step.optional()) {
                b.append("            return;\n");
            } else {
                b.append("            host.absent(").append(constant(p.through, "int[]")).append(", owner, ").append(i)
                        .append(", ix, active, root, locale, sink);\n            return;\n");
            }
            b.append("        }\n");
            for (int r : p.ends) {
                Expr.Node known = requirements.requirement(r).known();
                if (known != null) {
                    b.append("        if (active[").append(r).append("] && !t").append(node(known)).append("(owner == root ? null : owner, root)) {\n")
                            .append("            host.unknown(").append(r).append(", owner, ").append(i).append(", ix, root, locale, sink);\n        }\n");
                }
            }
            if (!childCalls.isEmpty()) {
                if (step.list()) {
                    b.append("        List<?> list = (List<?>) value;\n");
                    b.append("        for (int k = 0; k < list.size(); k++) {\n            Object e = list.get(k);\n");
                    b.append("            if (e != null");
                    if (step.filter() != null) {
                        b.append(" && t").append(node(step.filter())).append("(e, root)");
                    }
                    b.append(") {\n                ix[").append(i).append("] = k;\n");
                    for (String call : childCalls) {
                        b.append("                ").append(String.format(call, "e")).append('\n');
                    }
                    b.append("            }\n        }");
                } else {
                    for (String call : childCalls) {
                        b.append("        ").append(String.format(call, "value")).append('\n');
                    }
                }
            }
            method("void", "w" + id, "Object owner, int[] ix, boolean[] active, RequirementScope root, Locale locale, Requirements.Sink sink",
                    b.toString().stripTrailing());
            return id;
        }
    }
}
