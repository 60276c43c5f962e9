package dev.preflight.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;

/**
 * The fields of the input document a rule's conditions read, found in its parsed DRL: the fields
 * its patterns constrain ({@code Connect(tls12Enabled == false)} reads
 * {@code onPremises.connect.tls12Enabled}), through bindings ({@code $c.version()}), through the
 * fields of declared types ({@code WritebackAdmin(user.federated == true)} reads
 * {@code users[*].federated}) and in {@code from} sources. Only fields of the input format count:
 * the fact model's derived terms ({@code testUser}, {@code notInstalled}) decide for themselves what
 * an absent field means, and the tables and globals are not facts.
 *
 * <p>What a rule reads is held against what its check's declaration requires
 * ({@link RequirementCoverage}), so that a rule cannot read a fact whose absence its check would not
 * report as NOT_EVALUATED.
 */
final class RuleReads {

    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$[A-Za-z0-9_]+)\\s*:\\s*(.*)$", Pattern.DOTALL);

    private RuleReads() {
    }

    /** The types declared in DRL ({@code declare WritebackAdmin user : User end}): type name to field name to field type name. */
    static Map<String, Map<String, String>> declaredTypes(List<PackageDescr> packages) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (PackageDescr p : packages) {
            for (AbstractClassTypeDeclarationDescr t : p.getTypeDeclarations()) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (Map.Entry<String, TypeFieldDescr> f : t.getFields().entrySet()) {
                    fields.put(f.getKey(), f.getValue().getPattern() == null ? "" : f.getValue().getPattern().getObjectType());
                }
                out.put(t.getTypeName(), fields);
            }
        }
        return out;
    }

    /** The functions declared in DRL ({@code function boolean usableOrUnknown(SubscribedSku sku) {...}}), by name. */
    static Map<String, FunctionDescr> functions(List<PackageDescr> packages) {
        Map<String, FunctionDescr> out = new HashMap<>();
        for (PackageDescr p : packages) {
            for (FunctionDescr f : p.getFunctions()) {
                out.put(f.getName(), f);
            }
        }
        return out;
    }

    /**
     * What the rule's conditions read, in order, once each, those of the DRL functions they call included;
     * {@code lines} are the file's lines, to locate each read.
     */
    static List<RuleMeta.Read> of(RuleDescr rule, Map<String, Map<String, String>> declared, Map<String, FunctionDescr> functions, String[] lines) {
        RuleReads.Walker w = new Walker(declared, functions, lines, rule.getLine(), rule.getConsequenceLine() > 0 ? rule.getConsequenceLine() : rule.getEndLine());
        if (rule.getLhs() != null) {
            w.element(rule.getLhs());
        }
        return List.copyOf(w.reads.values());
    }

    /** A type a name or chain stands for: a fact record, a DRL-declared type, or unknown (null). */
    private record TypeRef(Class<?> fact, String declared) {
        static final TypeRef NONE = new TypeRef(null, null);

        boolean known() {
            return fact != null || declared != null;
        }
    }

    private static final class Walker {
        final Map<String, Map<String, String>> declared;
        final Map<String, FunctionDescr> functions;
        /** The functions whose bodies are being read, so that one calling itself is read once. */
        final java.util.Set<String> inFunctions = new java.util.HashSet<>();
        final String[] lines;
        final int fromLine;
        final int toLine;
        final Map<String, TypeRef> bindings = new HashMap<>();
        final Map<String, RuleMeta.Read> reads = new LinkedHashMap<>();

        Walker(Map<String, Map<String, String>> declared, Map<String, FunctionDescr> functions, String[] lines, int fromLine, int toLine) {
            this.declared = declared;
            this.functions = functions;
            this.lines = lines;
            this.fromLine = Math.max(1, fromLine);
            this.toLine = Math.min(lines.length, toLine <= 0 ? lines.length : toLine);
        }

        void element(BaseDescr d) {
            if (d instanceof PatternDescr p) {
                pattern(p);
            } else if (d instanceof EvalDescr e) {
                expression(String.valueOf(e.getContent()), TypeRef.NONE, e.getLine());
            } else if (d instanceof ConditionalElementDescr ce) {
                for (BaseDescr child : ce.getDescrs()) {
                    element(child);
                }
            }
        }

        void pattern(PatternDescr p) {
            TypeRef type = typeNamed(p.getObjectType());
            if (p.getIdentifier() != null && !p.getIdentifier().isEmpty()) {
                bindings.put(p.getIdentifier(), type);
            }
            if (p.getSource() instanceof FromDescr from) {
                expression(from.getExpression() == null ? from.getText() : from.getExpression(), TypeRef.NONE, p.getLine());
            } else if (p.getSource() instanceof AccumulateDescr acc) {
                acc.getDescrs().forEach(this::element);
                if (acc.getInputPattern() != null) {
                    pattern(acc.getInputPattern());
                }
            }
            if (p.getConstraint() != null) {
                for (BaseDescr c : p.getConstraint().getDescrs()) {
                    if (c instanceof ExprConstraintDescr e) {
                        constraint(e.getExpression(), type, c.getLine() > 0 ? c.getLine() : p.getLine());
                    }
                }
            }
        }

        /** A constraint, maybe binding a name ({@code $n : users.size()}, {@code $cloud : cloud != null}). */
        void constraint(String text, TypeRef current, int line) {
            Matcher b = BINDING.matcher(text);
            if (b.matches()) {
                String rest = b.group(2);
                Matcher first = Pattern.compile("^\\s*([A-Za-z_$][A-Za-z0-9_$]*)").matcher(rest);
                if (first.find()) {
                    bindings.put(b.group(1), member(current, first.group(1)));
                }
                text = rest;
            }
            expression(text, current, line);
        }

        /** Every member chain of the expression, read on the pattern's type, a binding or a declared type's field. */
        void expression(String text, TypeRef current, int line) {
            List<String> tokens = RuleText.tokens(text);
            scan(tokens, 0, tokens.size(), current, line);
        }

        private void scan(List<String> t, int from, int to, TypeRef current, int line) {
            int i = from;
            while (i < to) {
                String tok = t.get(i);
                boolean afterDot = i > from && t.get(i - 1).equals(".");
                if (!afterDot && isIdent(tok)) {
                    i = chain(t, i, to, current, line);
                } else {
                    i++;
                }
            }
        }

        /** Reads one chain {@code a.b(x).c}, scanning its call arguments as expressions of their own; returns the index after it. */
        private int chain(List<String> t, int i, int to, TypeRef current, int line) {
            String first = t.get(i);
            TypeRef at;
            boolean member = false;
            if (functions.containsKey(first) && i + 1 < to && t.get(i + 1).equals("(") && !inFunctions.contains(first)) {
                int close = matching(t, i + 1, to);
                call(functions.get(first), t, i + 2, close, current, line);
                i = close + 1;
                return i;
            }
            if (first.startsWith("$") || bindings.containsKey(first)) {
                at = bindings.getOrDefault(first, TypeRef.NONE);
            } else if (first.equals("this")) {
                at = current;
            } else {
                at = current;
                member = true;
            }
            String name = first;
            while (true) {
                if (member) {
                    TypeRef next = member(at, name);
                    record(at, name, line);
                    at = next;
                }
                i++;
                if (i < to && t.get(i).equals("(")) {
                    int close = matching(t, i, to);
                    scan(t, i + 1, close, current, line);
                    i = close + 1;
                }
                if (i + 1 < to && t.get(i).equals(".") && isIdent(t.get(i + 1))) {
                    name = t.get(i + 1);
                    member = true;
                    i++;
                    continue;
                }
                return i;
            }
        }

        /**
         * A call of a DRL function: its arguments are read as expressions, and its body with each
         * parameter standing for its argument ({@code usableOrUnknown(this)} reads what the body reads of {@code sku}).
         */
        private void call(FunctionDescr f, List<String> t, int from, int to, TypeRef current, int line) {
            List<TypeRef> args = new ArrayList<>();
            int start = from;
            int depth = 0;
            for (int i = from; i <= to; i++) {
                String tok = i < to ? t.get(i) : ",";
                if (tok.equals("(")) {
                    depth++;
                } else if (tok.equals(")")) {
                    depth--;
                } else if (tok.equals(",") && depth == 0) {
                    List<String> arg = t.subList(start, i);
                    TypeRef type = TypeRef.NONE;
                    if (arg.size() == 1 && arg.get(0).equals("this")) {
                        type = current;
                    } else if (arg.size() == 1 && bindings.containsKey(arg.get(0))) {
                        type = bindings.get(arg.get(0));
                    }
                    args.add(type);
                    scan(t, start, i, current, line);
                    start = i + 1;
                }
            }
            Map<String, TypeRef> saved = new HashMap<>(bindings);
            List<String> names = f.getParameterNames();
            for (int i = 0; i < names.size(); i++) {
                bindings.put(names.get(i), i < args.size() && args.get(i).known() ? args.get(i) : typeNamed(f.getParameterTypes().get(i)));
            }
            inFunctions.add(f.getName());
            try {
                List<String> body = RuleText.tokens(f.getBody() == null ? "" : f.getBody());
                scan(body, 0, body.size(), TypeRef.NONE, line);
            } finally {
                inFunctions.remove(f.getName());
                bindings.clear();
                bindings.putAll(saved);
            }
        }

        private void record(TypeRef owner, String field, int line) {
            if (owner.fact() == null) {
                return;
            }
            for (String path : FactModel.fieldPaths(owner.fact(), field)) {
                reads.computeIfAbsent(path, p -> locate(field, path, line));
            }
        }

        /** The read at the first line, from the condition's own, that names the field. */
        private RuleMeta.Read locate(String field, String path, int line) {
            Pattern word = Pattern.compile("(?<![A-Za-z0-9_$\"])" + Pattern.quote(field) + "(?![A-Za-z0-9_$])");
            for (int l = Math.max(fromLine, line); l <= toLine; l++) {
                Matcher m = word.matcher(lines[l - 1]);
                if (m.find()) {
                    return new RuleMeta.Read(path, l, m.start() + 1);
                }
            }
            return new RuleMeta.Read(path, Math.max(line, fromLine), 0);
        }

        private TypeRef member(TypeRef owner, String name) {
            if (owner.fact() != null) {
                FactModel.Field f = FactModel.fields(owner.fact()).get(name);
                if (f != null) {
                    return typeOf(f.element() != null ? null : f.type());
                }
            } else if (owner.declared() != null) {
                String type = declared.getOrDefault(owner.declared(), Map.of()).get(name);
                if (type != null) {
                    return typeNamed(type);
                }
            }
            return TypeRef.NONE;
        }

        private TypeRef typeOf(Class<?> c) {
            return FactModel.isFact(c) ? new TypeRef(c, null) : TypeRef.NONE;
        }

        private TypeRef typeNamed(String name) {
            if (name == null) {
                return TypeRef.NONE;
            }
            String simple = name.substring(name.lastIndexOf('.') + 1);
            if (declared.containsKey(simple)) {
                return new TypeRef(null, simple);
            }
            for (Class<?> c : FactModel.types()) {
                if (c.getSimpleName().equals(simple)) {
                    return new TypeRef(c, null);
                }
            }
            return TypeRef.NONE;
        }
    }

    private static boolean isIdent(String tok) {
        char c = tok.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static int matching(List<String> t, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (t.get(i).equals("(")) {
                depth++;
            } else if (t.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return to;
    }
}
