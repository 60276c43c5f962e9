package dev.preflight.engine;

import dev.preflight.api.RuleProblem;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds the two languages of a check to each other: every field of the input a check's rules read
 * ({@link RuleReads}) must be named by its declaration in {@code checks.json}, so that a tenant
 * lacking it gets NOT_EVALUATED instead of a silent PASS. A declaration names a field with a
 * required path ({@code onPremises.connect.tls12Enabled}, each step of it counting), inside a
 * path's filter, in a {@code when} (the rule reads it only under that condition), in a
 * {@code known} or an argument; or it exempts it explicitly, with the reason
 * ({@code "exempt": {"field": "why"}}).
 */
final class RequirementCoverage {

    private RequirementCoverage() {
    }

    /** Adds an error for every field a rule reads that its check does not name, and a warning for every exemption no rule needs. */
    static void check(List<CheckDeclarations.CheckDecl> declared, Collection<RuleMeta> rules, Map<String, String> drl, List<RuleProblem> problems) {
        Map<String, CheckDeclarations.CheckDecl> byId = new HashMap<>();
        declared.forEach(d -> byId.put(d.id(), d));
        Map<String, Set<String>> named = new HashMap<>();
        Map<String, Set<String>> readByCheck = new HashMap<>();
        for (RuleMeta r : rules) {
            CheckDeclarations.CheckDecl d = r.belongsToCheck() ? byId.get(r.checkId()) : null;
            if (d == null || !d.complete()) {
                continue; // a rule of an undeclared check, a requirement that does not read: reported as such
            }
            Set<String> names = named.computeIfAbsent(d.id(), k -> named(d));
            String[] lines = drl.containsKey(r.file()) ? drl.get(r.file()).split("\n", -1) : new String[0];
            for (RuleMeta.Read read : r.reads()) {
                readByCheck.computeIfAbsent(d.id(), k -> new HashSet<>()).add(read.path());
                if (names.contains(read.path()) || d.exempt().containsKey(read.path())) {
                    continue;
                }
                problems.add(RuleProblem.error(r.file(), read.line(), read.column(), d.id() + " reads " + read.path()
                        + ", which its declaration does not require (" + CheckDeclarations.FILE + ":" + d.line()
                        + "): a tenant without it would pass; add it to \"requires\" (with \"when\" if the rule reads it only under a condition)"
                        + " or to \"exempt\" with the reason")
                        .withExcerpt(RuleText.lineText(lines, read.line())));
            }
        }
        for (CheckDeclarations.CheckDecl d : declared) {
            Set<String> read = readByCheck.getOrDefault(d.id(), Set.of());
            for (CheckDeclarations.Exemption e : d.exempt().values()) {
                if (!read.contains(e.path())) {
                    problems.add(RuleProblem.warning(CheckDeclarations.FILE, e.line(), 0, "check " + d.id() + " exempts " + e.path()
                            + ", which none of its rules reads: remove the exemption"));
                }
            }
        }
    }

    /** Every field the declaration names: each step of each required path, and the fields its filters, conditions and arguments read. */
    static Set<String> named(CheckDeclarations.CheckDecl d) {
        Set<String> out = new LinkedHashSet<>();
        List<Method> members = new ArrayList<>();
        for (CheckDeclarations.Requirement r : d.requires()) {
            StringBuilder path = new StringBuilder();
            for (Expr.Step s : r.steps()) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(s.name());
                out.add(path.toString());
                if (s.list()) {
                    path.append("[*]");
                }
                if (s.filter() != null) {
                    s.filter().members(members);
                }
            }
            for (Expr.Node n : new Expr.Node[] {r.when(), r.known()}) {
                if (n != null) {
                    n.members(members);
                }
            }
            r.args().forEach(a -> a.members(members));
        }
        for (Method m : members) {
            out.addAll(FactModel.fieldPaths(m.getDeclaringClass(), m.getName()));
        }
        return out;
    }
}
