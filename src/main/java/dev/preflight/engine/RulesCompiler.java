package dev.preflight.engine;

import dev.preflight.api.RuleProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Compiles DRL with Drools' executable model into a kjar (the generated classes, as bytes), and
 * maps Drools' build messages, which often point into generated Java or carry no line, back to
 * the analyst's DRL file and line.
 */
final class RulesCompiler {

    private static final String RESOURCES = "src/main/resources/";
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final Pattern JAVA_IDENT = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final List<Pattern> JAVA_CULPRITS = List.of(
            Pattern.compile("The method ([A-Za-z_$][A-Za-z0-9_$]*)\\("),
            Pattern.compile("The field [A-Za-z0-9_$.]*?([A-Za-z_$][A-Za-z0-9_$]*) is not visible"),
            Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*) cannot be resolved"),
            Pattern.compile("The constructor ([A-Za-z_$][A-Za-z0-9_$.]*)\\("));
    private static final Pattern EXCERPT_AFTER_COLON = Pattern.compile(":\\s*(.+)$");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.[A-Z][A-Za-z0-9_]*\\b");

    private RulesCompiler() {
    }

    /**
     * Compiles the DRL files.
     *
     * @param drl      relative path to text
     * @param rules    the rules found by {@link DrlInspector}, to locate errors in
     * @param problems receives every build error and warning, located in the DRL
     * @return the kjar's bytes, or {@code null} when the build failed
     */
    static byte[] compile(Map<String, String> drl, List<RuleDecl> rules, List<RuleProblem> problems) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("dev.preflight.rules", "rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        Map<String, String> packageOf = new HashMap<>();
        rules.forEach(r -> packageOf.putIfAbsent(r.file(), r.packageName()));
        Map<String, String> generatedToFile = new HashMap<>();
        for (Map.Entry<String, String> f : drl.entrySet()) {
            String pkg = packageOf.getOrDefault(f.getKey(), packageOfText(f.getValue()));
            // Placed where its package says, so Drools does not warn about folder and package.
            String generated = RESOURCES + (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + f.getKey().replace('/', '_');
            generatedToFile.put(generated, f.getKey());
            generatedToFile.put(generated.substring(RESOURCES.length()), f.getKey());
            kfs.write(generated, f.getValue());
        }
        KieBuilder builder = ks.newKieBuilder(kfs, RulesCompiler.class.getClassLoader());
        try {
            builder.buildAll(ExecutableModelProject.class);
        } catch (RuntimeException e) {
            // Some type errors escape the builder as exceptions instead of messages.
            ks.getRepository().removeKieModule(releaseId);
            problems.add(explained(locateException(e, drl, rules), drl));
            return null;
        }
        List<Message> messages = builder.getResults().getMessages();
        try {
            Map<String, String> javaSources = new HashMap<>();
            for (Message m : messages) {
                String text = m.getText();
                if (text != null && text.startsWith("Java source of ")) {
                    int nl = text.indexOf('\n');
                    if (nl > 0) {
                        javaSources.put(m.getPath(), text.substring(nl + 1));
                    }
                }
            }
            boolean failed = false;
            for (Message m : messages) {
                if (m.getText() != null && m.getText().startsWith("Java source of ")) {
                    continue;
                }
                if (m.getLevel() == Message.Level.INFO) {
                    continue;
                }
                RuleProblem p = explained(locate(m, generatedToFile, drl, rules, javaSources), drl);
                failed |= p.isError();
                problems.add(p);
            }
            if (failed) {
                return null;
            }
            return ((InternalKieModule) builder.getKieModule()).getBytes();
        } finally {
            // The builder registers the module in Drools' process-wide repository: take it out,
            // so that repeated compiles (reloads) do not accumulate there.
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /** A misspelt field named as such, with the fact type's fields; any other problem as it is. */
    private static RuleProblem explained(RuleProblem p, Map<String, String> drl) {
        String text = drl.get(p.file());
        RuleProblem field = text == null ? null : DrlSyntax.unknownField(p, text.split("\n", -1));
        return field != null ? field : p;
    }

    private static RuleProblem locateException(RuntimeException e, Map<String, String> drl, List<RuleDecl> rules) {
        String text = firstLine(e.getMessage() == null ? e.toString() : e.getMessage());
        Matcher expr = Pattern.compile("expression\\s*=\\s*(.+)$").matcher(text);
        String needle = expr.find() ? expr.group(1).strip() : "";
        for (Map.Entry<String, String> f : drl.entrySet()) {
            String[] lines = f.getValue().split("\n", -1);
            for (int i = 0; !needle.isEmpty() && i < lines.length; i++) {
                int col = lines[i].indexOf(needle);
                if (col < 0) {
                    col = indexIgnoringSpaces(lines[i], needle.replaceAll("\\s+", ""));
                }
                if (col >= 0) {
                    String rule = "";
                    for (RuleDecl r : rules) {
                        if (r.file().equals(f.getKey()) && r.line() <= i + 1 && i + 1 <= r.endLine()) {
                            rule = "rule \"" + r.name() + "\": ";
                        }
                    }
                    return RuleProblem.error(f.getKey(), i + 1, col + 1, rule + text).withExcerpt(lines[i].strip());
                }
            }
        }
        return RuleProblem.error("", 0, 0, text);
    }

    private static String packageOfText(String text) {
        Matcher m = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z0-9_.]+)").matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static RuleProblem locate(Message m, Map<String, String> generatedToFile, Map<String, String> drl,
                                      List<RuleDecl> rules, Map<String, String> javaSources) {
        RuleProblem.Level level = m.getLevel() == Message.Level.ERROR ? RuleProblem.Level.ERROR : RuleProblem.Level.WARNING;
        String text = firstLine(m.getText());
        String path = m.getPath() == null ? "" : m.getPath();
        String file = generatedToFile.get(path);
        if (file != null) {
            String[] lines = drl.get(file).split("\n", -1);
            for (RuleDecl r : rules) {
                if (r.file().equals(file) && r.line() == m.getLine()) {
                    RuleProblem c = DrlSyntax.consequence(r, lines, text, level);
                    if (c != null) {
                        return c;
                    }
                }
            }
            if (m.getLine() > 0) {
                return new RuleProblem(level, file, m.getLine(), Math.max(0, m.getColumn()) + 1, text, RuleText.lineText(lines, m.getLine()));
            }
            int[] at = search(file, lines, rules, text);
            return new RuleProblem(level, file, at[0], at[1], text, RuleText.lineText(lines, at[0]));
        }
        if (path.endsWith(".java")) {
            return locateInGeneratedJava(m, level, text, drl, rules, javaSources.get(path));
        }
        // No usable path: look for the offending text in every file.
        for (Map.Entry<String, String> f : drl.entrySet()) {
            String[] lines = f.getValue().split("\n", -1);
            int[] at = search(f.getKey(), lines, rules, text);
            if (at[0] > 0) {
                return new RuleProblem(level, f.getKey(), at[0], at[1], text, RuleText.lineText(lines, at[0]));
            }
        }
        return new RuleProblem(level, path, Math.max(0, m.getLine()), 0, text, "");
    }

    /** For messages without a line: the offending text after the last colon, searched in the rule the message names, else in the file. */
    private static int[] search(String file, String[] lines, List<RuleDecl> rules, String text) {
        Matcher m = EXCERPT_AFTER_COLON.matcher(text);
        String needle = m.find() ? m.group(1).strip() : "";
        Matcher qualified = QUALIFIED_NAME.matcher(text);
        if (qualified.find()) {
            needle = qualified.group(); // a class name such as dev.preflight.facts.NoSuchFact: usually an import
        }
        RuleDecl named = null;
        for (RuleDecl r : rules) {
            if (r.file().equals(file) && text.contains("\"" + r.name() + "\"")) {
                named = r;
            }
        }
        if (!needle.isEmpty()) {
            int from = named == null ? 1 : named.line();
            int to = named == null ? lines.length : Math.min(named.endLine(), lines.length);
            String compact = needle.replaceAll("\\s+", "");
            for (int i = from; i <= to; i++) {
                int col = lines[i - 1].indexOf(needle);
                if (col < 0 && !compact.isEmpty()) {
                    col = indexIgnoringSpaces(lines[i - 1], compact);
                }
                if (col >= 0) {
                    return new int[] {i, col + 1};
                }
            }
            // A class that is not found: the word, wherever it is (usually the import).
            Matcher word = JAVA_IDENT.matcher(needle);
            String last = null;
            while (word.find()) {
                last = word.group();
            }
            if (last != null) {
                Pattern p = Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(last) + "(?![A-Za-z0-9_$])");
                for (int i = from; i <= to; i++) {
                    Matcher w = p.matcher(lines[i - 1]);
                    if (w.find()) {
                        return new int[] {i, w.start() + 1};
                    }
                }
            }
        }
        return named == null ? new int[] {0, 0} : new int[] {named.line(), 0};
    }

    private static int indexIgnoringSpaces(String line, String compact) {
        StringBuilder squeezed = new StringBuilder();
        List<Integer> origin = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                squeezed.append(line.charAt(i));
                origin.add(i);
            }
        }
        int at = squeezed.indexOf(compact);
        return at < 0 ? -1 : origin.get(at);
    }

    /**
     * An error in a rule consequence shows up in the Java Drools generated from it: find the rule
     * whose consequence that Java holds, and the offending word in the DRL.
     */
    private static RuleProblem locateInGeneratedJava(Message m, RuleProblem.Level level, String text, Map<String, String> drl,
                                                     List<RuleDecl> rules, String source) {
        String culprit = null;
        for (Pattern p : JAVA_CULPRITS) {
            Matcher c = p.matcher(text);
            if (c.find()) {
                culprit = c.group(1);
                break;
            }
        }
        String body = source == null ? "" : executeBody(source);
        if (culprit == null && source != null && m.getLine() > 0) {
            String[] gen = source.split("\n", -1);
            if (m.getLine() <= gen.length) {
                String line = gen[m.getLine() - 1];
                Matcher w = JAVA_IDENT.matcher(line);
                int col = Math.max(0, m.getColumn() - 1);
                while (w.find()) {
                    if (w.end() > col) {
                        culprit = w.group();
                        break;
                    }
                }
            }
        }
        RuleDecl best = null;
        String squeezedBody = squeeze(body);
        for (RuleDecl r : rules) {
            String cons = squeeze(r.consequence());
            if (!cons.isEmpty() && !squeezedBody.isEmpty() && (squeezedBody.contains(cons) || cons.contains(squeezedBody))) {
                best = r;
                break;
            }
        }
        if (best == null && culprit != null) {
            for (RuleDecl r : rules) {
                if (r.consequence().contains(culprit)) {
                    best = r;
                    break;
                }
            }
        }
        if (best == null) {
            return new RuleProblem(level, "", 0, 0, "in a rule consequence: " + text, culprit == null ? "" : culprit);
        }
        String[] lines = drl.get(best.file()).split("\n", -1);
        int[] at = culprit == null ? null : DrlInspector.locateInRule(best, lines, culprit, true);
        int line = at == null ? best.consequenceLine() : at[0];
        int col = at == null ? 0 : at[1];
        return new RuleProblem(level, best.file(), line, col, "rule \"" + best.name() + "\": " + text, RuleText.lineText(lines, line));
    }

    private static String executeBody(String source) {
        int at = source.indexOf(" execute(");
        if (at < 0) {
            return "";
        }
        int open = source.indexOf('{', at);
        int close = source.lastIndexOf('}', source.lastIndexOf('}') - 1);
        return open < 0 || close <= open ? "" : source.substring(open + 1, close);
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "").replace("drools.", "").replace("kcontext", "drools").toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    /** Keeps insertion order; used where problems are grouped per file. */
    static Map<String, List<RuleProblem>> byFile(List<RuleProblem> problems) {
        Map<String, List<RuleProblem>> out = new LinkedHashMap<>();
        problems.forEach(p -> out.computeIfAbsent(p.file(), k -> new ArrayList<>()).add(p));
        return out;
    }
}
