package dev.preflight.engine;

import dev.preflight.rules.RequirementScope;
import dev.preflight.rules.Tables;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import java.util.StringJoiner;

/**
 * Every term an analyst can use in a requirement ({@code checks.json}) and, the same names, in DRL
 * conditions: the fields of each fact type with their document paths, the terms the fact types
 * derive ({@code testUser}, {@code notInstalled}), the catalogue's terms of
 * {@link RequirementScope}, the table functions of {@link Tables}, and the operators with their
 * precedence. Generated from the code, so the analysts' guide cannot drift from it (a test holds
 * the guide's copy to this text).
 */
public final class TermList {

    private TermList() {
    }

    /** The list as Markdown. */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("### Fields\n\n");
        b.append("Each fact type, where it sits in the input (`[*]`: every element of a list) and its fields. An absent field is unknown,\n");
        b.append("never false: a rule that reads one must have its check require it (or exempt it).\n\n");
        b.append("| type | path | fields |\n|---|---|---|\n");
        for (Class<?> t : FactModel.types()) {
            List<String> paths = FactModel.paths(t);
            if (FactModel.fields(t).isEmpty()) {
                continue; // a value written as text in the input (SyncTime)
            }
            b.append("| `").append(t.getSimpleName()).append("` | ")
                    .append(paths.stream().map(p -> p.isEmpty() ? "(the document)" : "`" + p + "`").reduce((x, y) -> x + ", " + y).orElse(""))
                    .append(" | ").append(String.join(", ", FactModel.fields(t).keySet().stream().map(f -> "`" + f + "`").toList())).append(" |\n");
        }
        b.append("\n### Terms of the fact types\n\n");
        b.append("Derived from the fields; each decides for itself what an absent field means.\n\n");
        b.append("| type | terms |\n|---|---|\n");
        for (Class<?> t : FactModel.types()) {
            List<String> terms = terms(t, FactModel.fields(t).keySet());
            if (!terms.isEmpty()) {
                b.append("| `").append(t.getSimpleName()).append("` | ").append(String.join(", ", terms)).append(" |\n");
            }
        }
        b.append("\n### Terms of the catalogue (requirements only)\n\n");
        b.append(String.join(", ", terms(RequirementScope.class, FactModel.fields(RequirementScope.class).keySet()))).append("\n");
        b.append("\n### Defined terms (`define` in `checks.json`, functions in `terms.drl`)\n\n");
        b.append("A condition named once and used by name: in `checks.json` a define stands for its condition, as if in parentheses,\n");
        b.append("read on the element being filtered; in DRL the function of the same name takes that element (`usableOrUnknown(this)`).\n\n");
        b.append("| term | condition | in DRL |\n|---|---|---|\n");
        RuleFiles shipped = RuleFiles.builtIn();
        Map<String, String> functions = new TreeMap<>();
        for (Map.Entry<String, String> f : shipped.drl().entrySet()) {
            PackageDescr pkg = DrlInspector.parse(f.getKey(), f.getValue(), new ArrayList<>());
            if (pkg != null) {
                for (FunctionDescr fn : pkg.getFunctions()) {
                    functions.put(fn.getName(), "`" + fn.getName() + "(" + String.join(", ", fn.getParameterTypes()) + ")`");
                }
            }
        }
        CheckDeclarations.definedTerms(shipped.checks()).forEach((name, condition) ->
                b.append("| `").append(name).append("` | `").append(condition.replace("|", "\\|")).append("` | ")
                        .append(functions.getOrDefault(name, "")).append(" |\n"));
        b.append("\n### Table functions (`tables.name(...)`, in requirements and in DRL)\n\n");
        b.append(String.join(", ", terms(Tables.class, List.of()).stream().map(s -> s.replaceFirst("^`", "`tables.")).toList())).append("\n");
        b.append("\n### Operators, loosest first\n\n");
        b.append("| precedence | operators |\n|---|---|\n");
        b.append("| 1 | `a \\|\\| b` (or) |\n");
        b.append("| 2 | `a && b` (and) |\n");
        b.append("| 3 | `!a` (not) |\n");
        b.append("| 4 | `==`, `!=`, `<`, `<=`, `>`, `>=` against `null`, `true`, `false`, numbers, `'text'` (an enum constant, any case); one per term, not chained |\n");
        b.append("| 5 | `( ... )`, `any(list[condition])`, `none(list[condition])`, member chains `a.b.c(x)`, `list[condition]`, `list[*]`, `this` (the element filtered) |\n");
        b.append("\nIn a path, `list?[...]` skips a list that is absent instead of requiring it. A name is looked up on the element\n");
        b.append("being filtered first, then on the document's root.\n");
        return b.toString();
    }

    private static List<String> terms(Class<?> type, java.util.Collection<String> fields) {
        List<Method> methods = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() == type && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class
                    && !fields.contains(m.getName()) && !m.getName().startsWith("get")
                    && !List.of("toString", "hashCode", "equals", "names", "table", "label").contains(m.getName())) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName).thenComparingInt(Method::getParameterCount));
        List<String> out = new ArrayList<>();
        for (Method m : methods) {
            StringJoiner params = new StringJoiner(", ", "(", ")");
            for (Class<?> p : m.getParameterTypes()) {
                params.add(p.getSimpleName());
            }
            out.add("`" + m.getName() + (m.getParameterCount() == 0 ? "" : params.toString()) + "`");
        }
        return out;
    }

}
