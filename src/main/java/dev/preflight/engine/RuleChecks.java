package dev.preflight.engine;

import dev.preflight.api.RuleProblem;
import dev.preflight.api.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the rules against the catalogue and the messages, each problem with file and line: a rule
 * of an undeclared check, a declared check without rules, severities that differ, a message key
 * without text, a text no rule uses, an argument count that does not match the text.
 */
final class RuleChecks {

    private RuleChecks() {
    }

    static void crossCheck(RuleFiles files, List<CheckDeclarations.CheckDecl> declared, Collection<RuleMeta> rules, Messages messages,
                           List<RuleProblem> problems) {
        if (files.checks() == null || JsonSyntax.unparsed(CheckDeclarations.FILE, problems)) {
            return; // reported by CheckDeclarations: one error, not one per rule of a check it could not read
        }
        Map<String, CheckDeclarations.CheckDecl> byId = new LinkedHashMap<>();
        declared.forEach(d -> byId.put(d.id(), d));
        Map<String, Set<Severity>> raised = new LinkedHashMap<>();
        Map<String, String[]> lines = new LinkedHashMap<>();
        for (RuleMeta r : rules) {
            if (!r.belongsToCheck()) {
                continue;
            }
            CheckDeclarations.CheckDecl d = byId.get(r.checkId());
            if (d == null) {
                if (RuleText.CHECK_ID.matcher(r.checkId()).matches()) {
                    problems.add(RuleProblem.error(r.file(), r.line(), 0, "rule \"" + r.ruleName() + "\" belongs to check " + r.checkId()
                            + ", which " + CheckDeclarations.FILE + " does not declare").withExcerpt(excerpt(files, lines, r.file(), r.line())));
                }
                continue;
            }
            Set<Severity> s = raised.computeIfAbsent(r.checkId(), k -> EnumSet.noneOf(Severity.class));
            if (r.severity() != null) {
                s.add(r.severity());
                if (!d.severities().contains(r.severity())) {
                    problems.add(RuleProblem.error(r.file(), r.line(), 0, "rule \"" + r.ruleName() + "\" raises " + r.severity() + ", which check "
                            + r.checkId() + " does not declare (" + CheckDeclarations.FILE + ":" + d.line() + " declares " + d.severities() + ")")
                            .withExcerpt(excerpt(files, lines, r.file(), r.line())));
                }
            }
        }
        // A DRL file with errors declares its rules incompletely: "no rule" would blame the catalogue for them.
        boolean drlErrors = problems.stream().anyMatch(p -> p.isError() && p.file().endsWith(".drl"));
        for (CheckDeclarations.CheckDecl d : declared) {
            if (drlErrors) {
                break;
            }
            Set<Severity> s = raised.get(d.id());
            if (s == null) {
                problems.add(RuleProblem.error(CheckDeclarations.FILE, d.line(), 0, "check " + d.id() + " is declared but no rule has @id(\"" + d.id() + "\")"));
                continue;
            }
            Set<Severity> unraised = EnumSet.noneOf(Severity.class);
            unraised.addAll(d.severities());
            unraised.removeAll(s);
            if (!unraised.isEmpty()) {
                problems.add(RuleProblem.error(CheckDeclarations.FILE, d.line(), 0, "check " + d.id() + " declares " + unraised
                        + " but none of its rules raises " + (unraised.size() == 1 ? "it" : "them")));
            }
        }
        checkMessages(files, declared, rules, messages, lines, problems);
        if (!drlErrors) {
            RequirementCoverage.check(declared, rules, files.drl(), problems);
        }
    }

    private static void checkMessages(RuleFiles files, List<CheckDeclarations.CheckDecl> declared, Collection<RuleMeta> rules, Messages messages,
                                      Map<String, String[]> lines, List<RuleProblem> problems) {
        Languages.Bundle root = messages.root();
        Set<String> used = new HashSet<>();
        for (RuleMeta r : rules) {
            for (RuleMeta.KeyUse k : r.keys()) {
                String call = k.note() ? "outcome.note" : "outcome.fail";
                if (k.key().isEmpty()) {
                    problems.add(RuleProblem.error(r.file(), k.line(), k.column(), "rule \"" + r.ruleName() + "\": the first argument of " + call
                            + " is a message key in quotes, such as " + call + "(\"dc-below-floor\", $dc)").withExcerpt(excerpt(files, lines, r.file(), k.line())));
                    continue;
                }
                used.add(k.key());
                List<String> parts = new ArrayList<>(List.of(k.key()));
                if (!k.note()) {
                    Messages.PARTS.forEach(p -> parts.add(k.key() + "." + p));
                }
                used.addAll(parts);
                if (!root.texts().containsKey(k.key())) {
                    problems.add(RuleProblem.error(r.file(), k.line(), k.column(), "rule \"" + r.ruleName() + "\": message key \"" + k.key() + "\" has no text in "
                            + Messages.FILE).withExcerpt(excerpt(files, lines, r.file(), k.line())));
                    continue;
                }
                checkArguments(parts, k.arguments(), root, problems, r.file() + ":" + k.line() + " passes " + k.arguments(), r.file(), k.line(), k.column(), files, lines);
            }
        }
        for (CheckDeclarations.CheckDecl d : declared) {
            used.add(d.id() + ".title");
            used.add(d.id() + ".remediation");
            for (CheckDeclarations.Requirement q : d.requires()) {
                for (String key : new String[] {q.reason(), q.absent()}) {
                    if (key == null) {
                        continue;
                    }
                    used.add(key);
                    if (!root.texts().containsKey(key)) {
                        problems.add(RuleProblem.error(CheckDeclarations.FILE, q.line(), 0, "check " + d.id() + ": reason \"" + key + "\" has no text in " + Messages.FILE));
                        continue;
                    }
                    checkArguments(List.of(key), q.args().size(), root, problems, CheckDeclarations.FILE + ":" + q.line() + " gives " + q.args().size(),
                            CheckDeclarations.FILE, q.line(), 0, files, lines);
                }
            }
        }
        if (problems.stream().anyMatch(p -> p.isError() && p.file().endsWith(".drl"))) {
            return; // rules that did not load name no keys: their texts are not unused
        }
        root.texts().keySet().stream().filter(k -> !used.contains(k) && !Languages.isReportWord(k)).forEach(k -> problems.add(RuleProblem.warning(root.file(),
                root.lines().getOrDefault(k, 0), 1, "text \"" + k + "\" belongs to no message key a rule or requirement names")));
    }

    private static void checkArguments(List<String> keys, int passed, Languages.Bundle root, List<RuleProblem> problems, String where,
                                       String file, int line, int column, RuleFiles files, Map<String, String[]> lines) {
        int needed = 0;
        String widest = null;
        for (String key : keys) {
            String text = root.texts().get(key);
            if (text == null) {
                continue;
            }
            int n;
            try {
                n = Messages.argumentCount(text);
            } catch (IllegalArgumentException e) {
                continue; // reported when the messages were read
            }
            if (n > needed) {
                needed = n;
                widest = key;
            }
        }
        if (needed > passed) {
            problems.add(RuleProblem.error(root.file(), root.lines().getOrDefault(widest, 0), 0, "text \"" + widest + "\" uses {" + (needed - 1) + "}, but "
                    + where + " argument" + (passed == 1 ? "" : "s")).withExcerpt(root.texts().get(widest)));
            return;
        }
        if (needed < passed) {
            problems.add(RuleProblem.error(file, line, column, "message key \"" + keys.get(0) + "\": " + passed + " argument" + (passed == 1 ? "" : "s")
                    + " passed, but its texts use only " + needed).withExcerpt(file.endsWith(".drl") ? excerpt(files, lines, file, line) : ""));
        }
    }

    private static String excerpt(RuleFiles files, Map<String, String[]> lines, String file, int line) {
        String[] ls = lines.computeIfAbsent(file, f -> {
            String text = files.files().get(f);
            return text == null ? new String[0] : text.split("\n", -1);
        });
        return RuleText.lineText(ls, line);
    }
}
