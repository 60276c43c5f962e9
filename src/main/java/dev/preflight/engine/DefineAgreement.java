package dev.preflight.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.api.FactsReader;
import dev.preflight.api.RuleProblem;
import dev.preflight.facts.TenantFacts;
import dev.preflight.rules.RequirementScope;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds each {@code define} of {@code checks.json} to the DRL function of the same name (in
 * {@code terms.drl}): the requirement language and the rules say the same condition twice, and
 * must not drift apart. Both are evaluated on every fact of the rule tests' tenants that the
 * function takes, and on each such fact with one of its fields absent; the first fact on which
 * they differ is an error naming the define's line, the function's file and line, the fact and the
 * case it comes from.
 */
public final class DefineAgreement {

    private static final Pattern FUNCTION = Pattern.compile("^\\s*function\\s+[A-Za-z0-9_.<>\\[\\], ]+?\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    /** Calls of one pair at most: the products of facts stay small, but the tenants are the analyst's. */
    private static final int MAX_CALLS = 100_000;

    /**
     * A tenant of the rule tests.
     *
     * @param origin where it comes from, such as {@code tests/licensing.json #4 "two SKUs"}
     * @param facts  its facts document (JSON); one that does not read, a case about invalid input, is skipped
     */
    public record Tenant(String origin, String facts) {
    }

    /** A fact of a tenant and where it is in it ({@code subscribedSkus[1]}). */
    private record Located(Object fact, String where) {
    }

    private DefineAgreement() {
    }

    /**
     * The disagreements between the catalogue's defines and the same-named DRL functions of these
     * rules, on the tenants: at most one error per define, the first fact they differ on.
     */
    public static List<RuleProblem> check(RuleBase rules, RuleFiles files, List<Tenant> tenants) {
        return check(rules, files, tenants, null);
    }

    /**
     * As {@link #check(RuleBase, RuleFiles, List)}; with {@code cacheDir} (the compiled-rules cache),
     * an agreement found once for the same DRL, defines, tables and tenants is not sought again.
     */
    public static List<RuleProblem> check(RuleBase rules, RuleFiles files, List<Tenant> tenants, Path cacheDir) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, Expr.Defines.Define> defines = defines(files.checks());
        Map<String, String[]> functions = functions(files.drl());
        functions.keySet().retainAll(defines.keySet());
        if (functions.isEmpty()) {
            return problems;
        }
        Path agreed = cacheDir == null ? null : cacheDir.resolve("defines-" + key(files, defines, tenants) + ".agreed");
        if (agreed != null && Files.isRegularFile(agreed)) {
            return problems;
        }
        List<Read> read = new ArrayList<>();
        for (Tenant t : tenants) {
            try {
                read.add(new Read(t.origin(), FactsReader.read(t.facts(), null)));
            } catch (RuntimeException invalid) {
                // a case about rejected input: no facts to compare on
            }
        }
        problems.addAll(compare(rules, files, defines, functions, read));
        if (problems.isEmpty() && agreed != null) {
            try {
                Files.createDirectories(cacheDir);
                Files.write(agreed, new byte[0]);
            } catch (IOException | RuntimeException e) {
                // best effort, as the compiled rules beside it: sought again next time
            }
        }
        return problems;
    }

    /** A tenant whose facts were read. */
    private record Read(String origin, TenantFacts facts) {
    }

    /** What the agreement depends on: the DRL and this build (the compiled rules' key), the defines, the tables and the tenants. */
    private static String key(RuleFiles files, Map<String, Expr.Defines.Define> defines, List<Tenant> tenants) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.util.function.Consumer<String> add = text -> {
                md.update(text.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            };
            add.accept(CompiledRules.key(files));
            defines.values().forEach(d -> {
                add.accept(d.name());
                add.accept(d.text());
            });
            new java.util.TreeMap<>(files.tables()).forEach((name, text) -> {
                add.accept(name);
                add.accept(text);
            });
            tenants.forEach(t -> add.accept(t.facts()));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RuleProblem> compare(RuleBase rules, RuleFiles files, Map<String, Expr.Defines.Define> defines, Map<String, String[]> functions,
                                             List<Read> tenants) {
        List<RuleProblem> problems = new ArrayList<>();
        ClassLoader classes = rules.functionClasses();
        Expr.Defines all = Expr.Defines.of(defines);
        for (Map.Entry<String, String[]> f : functions.entrySet()) {
            Expr.Defines.Define define = defines.get(f.getKey());
            String functionAt = f.getValue()[0] + ":" + f.getValue()[1];
            Method m = method(classes, f.getKey());
            if (m == null) {
                continue; // the function did not compile: reported as such
            }
            String both = "define \"" + define.name() + "\" (" + CheckDeclarations.FILE + ":" + define.line() + ") and function " + define.name()
                    + " (" + functionAt + ")";
            if (m.getReturnType() != boolean.class && m.getReturnType() != Boolean.class) {
                problems.add(RuleProblem.error(CheckDeclarations.FILE, define.line(), 0, both + " must say the same condition, but the function returns "
                        + m.getReturnType().getSimpleName() + ", not boolean").withExcerpt(define.text()));
                continue;
            }
            Class<?>[] params = m.getParameterTypes();
            int owner = -2;
            Expr.Node condition = null;
            for (int i = -1; i < params.length && condition == null; i++) {
                try {
                    condition = Expr.condition(define.text(), new Expr.Context(i < 0 ? null : params[i], RequirementScope.class, all));
                    owner = i;
                } catch (Expr.ExprException e) {
                    // not read on this type: try the next parameter
                }
            }
            if (condition == null) {
                continue; // the define does not bind anywhere: reported by the catalogue's check
            }
            String difference = firstDifference(condition, owner, m, params, tenants, rules);
            if (difference != null) {
                problems.add(RuleProblem.error(CheckDeclarations.FILE, define.line(), 0, both + " disagree on " + difference
                        + ": make them say the same condition").withExcerpt(define.text()));
            }
        }
        return problems;
    }

    private static String firstDifference(Expr.Node condition, int owner, Method m, Class<?>[] params, List<Read> tenants, RuleBase rules) {
        int calls = 0;
        for (Read t : tenants) {
            Map<Class<?>, List<Located>> facts = new IdentityHashMap<>();
            walk(t.facts(), "", facts);
            RequirementScope scope = new RequirementScope(t.facts(), rules.tables());
            List<List<Located>> choices = new ArrayList<>();
            for (int i = 0; i < params.length; i++) {
                List<Located> found = new ArrayList<>(facts.getOrDefault(params[i], List.of()));
                if (found.isEmpty() && Expr.isContainer(params[i])) {
                    found.add(new Located(Expr.empty(params[i]), "an absent " + params[i].getSimpleName()));
                }
                if (i == owner) {
                    for (Located l : List.copyOf(found)) {
                        found.addAll(withOneFieldAbsent(l));
                    }
                }
                choices.add(found);
            }
            int[] at = new int[params.length];
            if (choices.stream().anyMatch(List::isEmpty)) {
                continue;
            }
            while (calls++ < MAX_CALLS) {
                Object[] args = new Object[params.length];
                StringBuilder where = new StringBuilder();
                for (int i = 0; i < params.length; i++) {
                    Located l = choices.get(i).get(at[i]);
                    args[i] = l.fact();
                    if (i == owner || params.length == 1) {
                        where.append(l.where());
                    }
                }
                Object current = owner < 0 ? scope : args[owner];
                String define;
                try {
                    define = String.valueOf(condition.test(current, scope));
                } catch (RuntimeException e) {
                    define = "fails (" + e + ")";
                }
                String function;
                try {
                    function = String.valueOf(m.invoke(null, args));
                } catch (InvocationTargetException e) {
                    function = "throws " + e.getCause().getClass().getSimpleName();
                } catch (IllegalAccessException e) {
                    return null;
                }
                if (!define.equals(function)) {
                    return (where.length() == 0 ? "the tenant" : where) + " of " + t.origin() + ": the define is " + define + ", the function " + function;
                }
                int i = 0;
                while (i < at.length && ++at[i] == choices.get(i).size()) {
                    at[i++] = 0;
                }
                if (i == at.length) {
                    break;
                }
            }
        }
        return null;
    }

    /** Every fact of the input, by type, with its place in the document. */
    private static void walk(Object o, String where, Map<Class<?>, List<Located>> out) {
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), where + "[" + i + "]", out);
            }
            return;
        }
        if (o == null || !o.getClass().isRecord() || !o.getClass().getPackageName().equals(TenantFacts.class.getPackageName())) {
            return;
        }
        out.computeIfAbsent(o.getClass(), k -> new ArrayList<>()).add(new Located(o, where.isEmpty() ? "the tenant" : where));
        for (RecordComponent c : o.getClass().getRecordComponents()) {
            Object v = value(c, o);
            walk(v, where.isEmpty() ? c.getName() : where + "." + c.getName(), out);
        }
    }

    /** The fact once with each of its fields absent (those a document can leave out). */
    private static List<Located> withOneFieldAbsent(Located l) {
        List<Located> out = new ArrayList<>();
        Class<?> type = l.fact().getClass();
        if (!type.isRecord()) {
            return out;
        }
        RecordComponent[] rc = type.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
        }
        for (int i = 0; i < rc.length; i++) {
            if (types[i].isPrimitive() || value(rc[i], l.fact()) == null) {
                continue;
            }
            Object[] values = new Object[rc.length];
            for (int j = 0; j < rc.length; j++) {
                values[j] = j == i ? null : value(rc[j], l.fact());
            }
            try {
                var ctor = type.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                out.add(new Located(ctor.newInstance(values), l.where() + " without " + rc[i].getName()));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a fact that cannot lack this field: nothing to compare
            }
        }
        return out;
    }

    private static Object value(RecordComponent c, Object o) {
        try {
            Method a = c.getAccessor();
            a.setAccessible(true);
            return a.invoke(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The static method a DRL function compiled to, in the rules' generated classes; null when none. */
    private static Method method(ClassLoader classes, String name) {
        if (!(classes instanceof KjarLoader.KjarClassLoader k)) {
            return null;
        }
        for (String className : k.classNames()) {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            if (!simple.startsWith("Rules") || simple.contains("$") || simple.contains("RuleMethods")) {
                continue;
            }
            try {
                for (Method m : Class.forName(className, false, classes).getMethods()) {
                    if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
                        return m;
                    }
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not a class of functions
            }
        }
        return null;
    }

    /** The catalogue's defines with their lines; empty when it has none or does not parse. */
    private static Map<String, Expr.Defines.Define> defines(String checks) {
        Map<String, Expr.Defines.Define> out = new LinkedHashMap<>();
        if (checks == null) {
            return out;
        }
        try {
            LocatedJson doc = LocatedJson.parse(checks);
            JsonNode d = doc.root() == null ? null : doc.root().get("define");
            if (d != null && d.isObject()) {
                d.fields().forEachRemaining(f -> {
                    if (f.getValue().isTextual()) {
                        out.put(f.getKey(), new Expr.Defines.Define(f.getKey(), f.getValue().asText(), doc.at(f.getValue())[0]));
                    }
                });
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return out;
        }
        return out;
    }

    /** The DRL functions by name: file and line. */
    private static Map<String, String[]> functions(Map<String, String> drl) {
        Map<String, String[]> out = new LinkedHashMap<>();
        drl.forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = FUNCTION.matcher(lines[i]);
                if (m.find()) {
                    out.putIfAbsent(m.group(1), new String[] {file, String.valueOf(i + 1)});
                }
            }
        });
        return out;
    }
}
