package dev.preflight.engine;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The small expression language of requirement declarations ({@code rules/checks.json}): conditions
 * such as {@code onPremises.connect.onlyPreferred && any(onPremises.forests[*])} and paths such as
 * {@code onPremises.forests[*].domains?[*].pdcEmulator}. Names are the fields and terms of the fact
 * model ({@code dev.preflight.facts}), of the {@code tables} and of {@link dev.preflight.rules.RequirementScope};
 * they are resolved and type-checked once, when the rules load, so that a typo is an error with
 * file and line instead of a silent miss.
 *
 * <p>Grammar: {@code ||}, {@code &&}, {@code !}, comparisons ({@code == != < <= > >=}) against
 * {@code null}, {@code true}, {@code false}, numbers and {@code 'text'} (an enum constant's name,
 * case-insensitive, where the other side is an enum); {@code any(list[filter])} and
 * {@code none(list[filter])}; member chains {@code a.b.c(x)} where a list may be filtered
 * ({@code users[testUser]}, {@code [*]} for all) and {@code this} is the element being filtered.
 * A name is looked up on the current element first, then on the facts' root.
 */
final class Expr {

    /** A syntax or type error, with the column in the expression. */
    static final class ExprException extends RuntimeException {
        final int column;

        ExprException(String message, int column) {
            super(message);
            this.column = column;
        }
    }

    /** A bound expression node. */
    abstract static class Node {
        /** Static type of the value; {@code List.class} for lists, with {@link #element}. */
        Class<?> type;
        /** For a list, the type of its elements. */
        Class<?> element;
        /** For a condition, its text: conditions of the same text and context are the same condition. */
        String source;

        abstract Object eval(Object current, Object root);

        /** Adds the members (fields and terms) this expression reads, its sub-expressions' included. */
        void members(List<Method> out) {
        }

        /**
         * Whether the node's value is true. Conditions (and, or, not, comparisons, any/none) answer
         * here without boxing a Boolean, and their {@link #eval} is this answer boxed.
         */
        boolean test(Object current, Object root) {
            return Boolean.TRUE.equals(eval(current, root));
        }
    }

    /**
     * Where names are looked up: the element's type (or null at the root), the root's type, and the
     * catalogue's named conditions ({@code "define"} in {@code checks.json}).
     */
    record Context(Class<?> current, Class<?> root, Defines defines) {
        Context(Class<?> current, Class<?> root) {
            this(current, root, Defines.NONE);
        }
    }

    /**
     * Named conditions: a name stands for its condition, bound where it is used (so
     * {@code usableOrUnknown} reads the fields of the element being filtered) and read as if in
     * parentheses. Records which names were used, for the warning on an unused one.
     */
    static final class Defines {
        static final Defines NONE = new Defines(Map.of(), Map.of());

        /** One definition: its condition as written and the line it is written on. */
        record Define(String name, String text, int line) {
        }

        private final Map<String, Define> byName;
        private final Map<String, Boolean> used;

        Defines(Map<String, Define> byName, Map<String, Boolean> used) {
            this.byName = byName;
            this.used = used;
        }

        static Defines of(Map<String, Define> byName) {
            return new Defines(Map.copyOf(byName), new ConcurrentHashMap<>());
        }

        Define get(String name) {
            return byName.get(name);
        }

        Map<String, Define> all() {
            return byName;
        }

        boolean used(String name) {
            return used.containsKey(name);
        }
    }

    private static final Map<Class<?>, Object> EMPTY = new ConcurrentHashMap<>();

    /** The types that stand for parts of the document that are always there: absent means empty. */
    static final List<Class<?>> CONTAINERS = List.of(dev.preflight.facts.Tenant.class, dev.preflight.facts.PasswordReset.class,
            dev.preflight.facts.OnPremises.class, dev.preflight.facts.Connect.class, dev.preflight.facts.Network.class,
            dev.preflight.facts.ConnectorRuns.class);

    /** An all-null instance of a container record, standing in for one that was not collected. */
    static Object empty(Class<?> type) {
        return EMPTY.computeIfAbsent(type, t -> {
            try {
                RecordComponent[] rc = t.getRecordComponents();
                Class<?>[] types = new Class<?>[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    types[i] = rc[i].getType();
                }
                return t.getDeclaredConstructor(types).newInstance(new Object[rc.length]);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make an empty " + t.getSimpleName(), e);
            }
        });
    }

    static boolean isContainer(Class<?> type) {
        return CONTAINERS.contains(type);
    }

    private Expr() {
    }

    /** Parses and binds a condition, which must be boolean. */
    static Node condition(String text, Context ctx) {
        Parser p = new Parser(text, ctx);
        Node n = p.or(ctx.current());
        p.end();
        if (n.type != boolean.class && n.type != Boolean.class) {
            throw new ExprException("a condition must be true or false, not " + typeName(n), 1);
        }
        n.source = text.strip();
        return n;
    }

    /** Parses and binds a value expression (an argument of a message). */
    static Node value(String text, Context ctx) {
        Parser p = new Parser(text, ctx);
        Node n = p.or(ctx.current());
        p.end();
        return n;
    }

    /** One step of a requirement path: a field, maybe a list, maybe filtered. */
    record Step(String name, Method accessor, Accessor getter, Class<?> type, Class<?> element, boolean list,
                boolean optional, Node filter, int column) {
    }

    /** Parses and binds a requirement path, such as {@code users[testUser].roles}, from the root. */
    static List<Step> path(String text, Context ctx) {
        Parser p = new Parser(text, ctx);
        List<Step> steps = new ArrayList<>();
        Class<?> at = ctx.root();
        while (true) {
            p.skip();
            int col = p.pos + 1;
            String name = p.ident();
            Method m = member(at, name, 0);
            if (m == null) {
                throw new ExprException("\"" + name + "\" is not a field of " + at.getSimpleName() + knownFields(at), col);
            }
            boolean optional = p.accept("?");
            Class<?> type = m.getReturnType();
            boolean list = List.class.isAssignableFrom(type);
            Class<?> element = list ? elementType(m) : null;
            if (optional && !list) {
                throw new ExprException("\"" + name + "?\": only a list can be skipped when absent", col);
            }
            Node filter = null;
            boolean all = false;
            if (p.accept("[")) {
                if (!list) {
                    throw new ExprException("\"" + name + "\" is not a list", col);
                }
                all = p.accept("*");
                if (!all) {
                    filter = p.bool(p.or(element));
                }
                p.expect("]");
            }
            boolean more = p.accept(".");
            if (list && more && !all && filter == null) {
                throw new ExprException("\"" + name + "\" is a list: write " + name + "[*] or " + name + "[condition] to reach its elements", col);
            }
            steps.add(new Step(name, m, new Accessor(m), type, element, list && (all || filter != null), optional, filter, col));
            if (!more) {
                break;
            }
            at = list ? element : type;
        }
        p.end();
        return steps;
    }

    // ---- binding helpers ------------------------------------------------------------------

    private static boolean allowedOwner(Class<?> c) {
        String n = c.getPackageName();
        return n.equals("dev.preflight.facts") || n.equals("dev.preflight.rules");
    }

    /** A public method of the class named {@code name} with {@code arity} parameters (the record accessor for a field). */
    static Method member(Class<?> type, String name, int arity) {
        if (type == null || !allowedOwner(type)) {
            return null;
        }
        Method found = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && !Modifier.isStatic(m.getModifiers())
                    && m.getDeclaringClass() != Object.class && m.getReturnType() != void.class) {
                if (found != null && arity > 0) {
                    return null; // overloaded: ambiguous, resolved by the caller with argument types
                }
                found = m;
            }
        }
        return callable(found);
    }

    private static List<Method> candidates(Class<?> type, String name, int arity) {
        List<Method> out = new ArrayList<>();
        if (type == null || !allowedOwner(type)) {
            return out;
        }
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && !Modifier.isStatic(m.getModifiers())
                    && m.getDeclaringClass() != Object.class && m.getReturnType() != void.class) {
                out.add(callable(m));
            }
        }
        return out;
    }

    /**
     * The method, called without access checks: it is public, but its class may not be (a record
     * of the rules package), and the check of every call was a sixth of the requirement walk.
     */
    private static Method callable(Method m) {
        if (m != null) {
            m.trySetAccessible();
        }
        return m;
    }

    static Class<?> elementType(Method m) {
        Type g = m.getGenericReturnType();
        if (g instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1 && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static String knownFields(Class<?> type) {
        if (type.isRecord()) {
            List<String> names = new ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                names.add(rc.getName());
            }
            return " (its fields: " + String.join(", ", names) + ")";
        }
        return "";
    }

    static String typeName(Node n) {
        if (n.type == List.class) {
            return "a list of " + n.element.getSimpleName();
        }
        return n.type == null ? "null" : n.type.getSimpleName();
    }

    /**
     * A member's call, generated ({@link #getter}, {@link #call1}) at its first use: with the
     * requirement walk compiled ({@link RequirementWalks}) most are never used, and each is a class
     * spun when the rules load (92 of them took about 80 ms of a one-tenant run's start).
     */
    static final class Accessor {
        final Method method;
        // Racy and idempotent: every thread sets the same shared instance, whose fields are final.
        private Function<Object, Object> getter;
        private java.util.function.BiFunction<Object, Object, Object> call1;

        Accessor(Method method) {
            this.method = method;
        }

        /** The member of no parameter, read on {@code target}. */
        Object apply(Object target) {
            Function<Object, Object> g = getter;
            if (g == null) {
                getter = g = Expr.getter(method);
            }
            return g.apply(target);
        }

        /** The member of one parameter, called on {@code target}. */
        Object apply(Object target, Object argument) {
            java.util.function.BiFunction<Object, Object, Object> c = call1;
            if (c == null) {
                call1 = c = Expr.call1(method);
            }
            return c.apply(target, argument);
        }
    }

    /**
     * The accessor as a generated class ({@link LambdaMetafactory}): the requirement walk calls
     * dozens of accessors per tenant, and a direct call is several times cheaper than
     * {@link Method#invoke}. A method the engine's lookup cannot reach is called by reflection.
     * One per method, shared by every load of the rules: the methods are the fact model's.
     */
    static Function<Object, Object> getter(Method m) {
        return GETTERS.computeIfAbsent(m, Expr::generate);
    }

    private static final Map<Method, Function<Object, Object>> GETTERS = new ConcurrentHashMap<>();
    private static final Map<Method, java.util.function.BiFunction<Object, Object, Object>> CALLS = new ConcurrentHashMap<>();

    /** A method of one parameter as a generated class, as {@link #getter}. */
    static java.util.function.BiFunction<Object, Object, Object> call1(Method m) {
        return CALLS.computeIfAbsent(m, Expr::generate1);
    }

    private static java.util.function.BiFunction<Object, Object, Object> generate1(Method m) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle h = lookup.unreflect(m);
            MethodType instantiated = MethodType.methodType(wrap(m.getReturnType()), m.getDeclaringClass(), wrap(m.getParameterTypes()[0]));
            @SuppressWarnings("unchecked")
            java.util.function.BiFunction<Object, Object, Object> f = (java.util.function.BiFunction<Object, Object, Object>)
                    LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(java.util.function.BiFunction.class),
                            MethodType.methodType(Object.class, Object.class, Object.class), h, instantiated).getTarget().invoke();
            return f;
        } catch (Throwable e) {
            return (target, arg) -> invoke(m, target, arg);
        }
    }

    private static Class<?> wrap(Class<?> c) {
        return c.isPrimitive() ? MethodType.methodType(c).wrap().returnType() : c;
    }

    private static Function<Object, Object> generate(Method m) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle h = lookup.unreflect(m);
            MethodType instantiated = MethodType.methodType(wrap(m.getReturnType()), m.getDeclaringClass());
            @SuppressWarnings("unchecked")
            Function<Object, Object> f = (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply",
                    MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class), h, instantiated)
                    .getTarget().invoke();
            return f;
        } catch (Throwable e) {
            return target -> invoke(m, target);
        }
    }

    static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
        }
    }

    // ---- nodes ----------------------------------------------------------------------------

    static final class Literal extends Node {
        final Object value;

        Literal(Object value, Class<?> type) {
            this.value = value;
            this.type = type;
        }

        @Override
        Object eval(Object current, Object root) {
            return value;
        }
    }

    static final class This extends Node {
        @Override
        Object eval(Object current, Object root) {
            return current;
        }
    }

    /** A member of the current element, of the root, or of the value of {@code target}. */
    static final class Call extends Node {
        final Node target; // null: current element or root, by onRoot
        final boolean onRoot;
        final Method method;
        /** The member of no argument or one, called through its generated class; null for more. */
        final Accessor member;
        final Node[] args;
        final Object[] constants;
        final Node filter;

        Call(Node target, boolean onRoot, Method method, Node[] args, Object[] constants, Node filter) {
            this.target = target;
            this.onRoot = onRoot;
            this.method = method;
            this.member = args.length <= 1 ? new Accessor(method) : null;
            this.args = args;
            this.constants = constants;
            this.filter = filter;
            this.type = method.getReturnType();
            this.element = List.class.isAssignableFrom(type) ? elementType(method) : null;
            if (this.element != null) {
                this.type = List.class;
            }
        }

        @Override
        void members(List<Method> out) {
            out.add(method);
            if (target != null) {
                target.members(out);
            }
            for (Node a : args) {
                a.members(out);
            }
            if (filter != null) {
                filter.members(out);
            }
        }

        /** The member's value, before any filter. */
        private Object unfiltered(Object current, Object root) {
            Object on = target != null ? target.eval(current, root) : onRoot ? root : current;
            if (on == null) {
                return null;
            }
            Object v;
            if (args.length == 0) {
                v = member.apply(on);
            } else if (args.length == 1) {
                v = member.apply(on, constants[0] != null ? constants[0] : args[0].eval(current, root));
            } else {
                Object[] values = new Object[args.length];
                for (int i = 0; i < args.length; i++) {
                    values[i] = constants[i] != null ? constants[i] : args[i].eval(current, root);
                }
                v = invoke(method, on, values);
            }
            if (v == null && isContainer(method.getReturnType())) {
                v = empty(method.getReturnType());
            }
            return v;
        }

        /** Whether some element of the list meets the filter. */
        boolean anyKept(Object current, Object root) {
            if (unfiltered(current, root) instanceof List<?> list) {
                for (Object o : list) {
                    if (filter.test(o, root)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        Object eval(Object current, Object root) {
            Object v = unfiltered(current, root);
            if (filter != null && v instanceof List<?> list) {
                List<Object> kept = new ArrayList<>(list.size());
                for (Object o : list) {
                    if (filter.test(o, root)) {
                        kept.add(o);
                    }
                }
                return kept;
            }
            return v;
        }
    }

    static final class Quantifier extends Node {
        final Node list;
        final boolean any;

        Quantifier(Node list, boolean any) {
            this.list = list;
            this.any = any;
            this.type = boolean.class;
        }

        @Override
        void members(List<Method> out) {
            list.members(out);
        }

        @Override
        Object eval(Object current, Object root) {
            return test(current, root);
        }

        @Override
        boolean test(Object current, Object root) {
            // any(list[condition]) stops at the first element that meets it, with no filtered copy.
            boolean some = list instanceof Call c && c.filter != null ? c.anyKept(current, root)
                    : list.eval(current, root) instanceof List<?> l && !l.isEmpty();
            return any == some;
        }
    }

    static final class Not extends Node {
        final Node operand;

        Not(Node operand) {
            this.operand = operand;
            this.type = boolean.class;
        }

        @Override
        void members(List<Method> out) {
            operand.members(out);
        }

        @Override
        Object eval(Object current, Object root) {
            return test(current, root);
        }

        @Override
        boolean test(Object current, Object root) {
            return !operand.test(current, root);
        }
    }

    static final class Logic extends Node {
        final Node left;
        final Node right;
        final boolean and;

        Logic(Node left, Node right, boolean and) {
            this.left = left;
            this.right = right;
            this.and = and;
            this.type = boolean.class;
        }

        @Override
        void members(List<Method> out) {
            left.members(out);
            right.members(out);
        }

        @Override
        Object eval(Object current, Object root) {
            return test(current, root);
        }

        @Override
        boolean test(Object current, Object root) {
            boolean l = left.test(current, root);
            if (and ? !l : l) {
                return l;
            }
            return right.test(current, root);
        }
    }

    static final class Compare extends Node {
        final Node left;
        final Node right;
        final String op;
        /** {@code ==} or {@code !=}, decided once: most comparisons are these. */
        final boolean equality;
        final boolean negated;

        Compare(Node left, Node right, String op) {
            this.left = left;
            this.right = right;
            this.op = op;
            this.equality = op.equals("==") || op.equals("!=");
            this.negated = op.equals("!=");
            this.type = boolean.class;
        }

        @Override
        void members(List<Method> out) {
            left.members(out);
            right.members(out);
        }

        @Override
        Object eval(Object current, Object root) {
            return test(current, root);
        }

        @Override
        boolean test(Object current, Object root) {
            Object a = left.eval(current, root);
            Object b = right.eval(current, root);
            if (equality) {
                return same(a, b) != negated;
            }
            if (a == null || b == null) {
                return false; // as in DRL: an absent value is neither more nor less
            }
            int c = compare(a, b);
            return switch (op) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        }

        static boolean same(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return x.doubleValue() == y.doubleValue();
            }
            return Objects.equals(a, b);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static int compare(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return ((Comparable) a).compareTo(b);
        }
    }

    // ---- the parser -----------------------------------------------------------------------

    private static final class Parser {
        final String s;
        final Context ctx;
        /** The defined names being expanded, outermost first: a name met again is a cycle. */
        final List<String> expanding;
        int pos;

        Parser(String s, Context ctx) {
            this(s, ctx, new ArrayList<>());
        }

        Parser(String s, Context ctx, List<String> expanding) {
            this.s = s;
            this.ctx = ctx;
            this.expanding = expanding;
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean accept(String tok) {
            skip();
            if (s.startsWith(tok, pos)) {
                // "=" must not match the start of "==", "!" not "!=", "<" not "<=".
                if ((tok.equals("!") || tok.equals("<") || tok.equals(">")) && s.startsWith("=", pos + 1)) {
                    return false;
                }
                pos += tok.length();
                return true;
            }
            return false;
        }

        void expect(String tok) {
            if (!accept(tok)) {
                throw new ExprException("expected \"" + tok + "\"" + found(), pos + 1);
            }
        }

        String found() {
            skip();
            return pos >= s.length() ? " at the end" : " at \"" + s.substring(pos, Math.min(s.length(), pos + 12)) + "\"";
        }

        void end() {
            skip();
            if (pos < s.length()) {
                throw new ExprException("unexpected text" + found(), pos + 1);
            }
        }

        String ident() {
            skip();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '$')) {
                pos++;
            }
            if (start == pos || Character.isDigit(s.charAt(start))) {
                throw new ExprException("expected a name" + found(), start + 1);
            }
            return s.substring(start, pos);
        }

        Node or(Class<?> cur) {
            Node n = and(cur);
            while (accept("||")) {
                n = new Logic(bool(n), bool(and(cur)), false);
            }
            return n;
        }

        Node and(Class<?> cur) {
            Node n = not(cur);
            while (accept("&&")) {
                n = new Logic(bool(n), bool(not(cur)), true);
            }
            return n;
        }

        Node bool(Node n) {
            if (n.type != boolean.class && n.type != Boolean.class) {
                throw new ExprException("expected true or false, found " + typeName(n), pos + 1);
            }
            return n;
        }

        Node not(Class<?> cur) {
            if (accept("!")) {
                return new Not(bool(not(cur)));
            }
            return comparison(cur);
        }

        Node comparison(Class<?> cur) {
            Node left = term(cur);
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                int col = pos + 1;
                if (accept(op)) {
                    Node right = term(cur);
                    return new Compare(left, coerce(right, left, col), op);
                }
            }
            return left;
        }

        /** A text literal compared with an enum becomes that enum's constant. */
        Node coerce(Node right, Node left, int col) {
            if (right instanceof Literal lit && lit.value instanceof String text && left.type != null && left.type.isEnum()) {
                return new Literal(enumConstant(left.type, text, col), left.type);
            }
            return right;
        }

        Object enumConstant(Class<?> type, String text, int col) {
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equalsIgnoreCase(text) || c.toString().equalsIgnoreCase(text)) {
                    return c;
                }
            }
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(((Enum<?>) c).name());
            }
            throw new ExprException("'" + text + "' is not one of " + type.getSimpleName() + " " + names, col);
        }

        Node term(Class<?> cur) {
            skip();
            if (accept("(")) {
                Node n = or(cur);
                expect(")");
                return n;
            }
            if (pos < s.length() && s.charAt(pos) == '\'') {
                int end = s.indexOf('\'', pos + 1);
                if (end < 0) {
                    throw new ExprException("unclosed text", pos + 1);
                }
                String text = s.substring(pos + 1, end);
                pos = end + 1;
                return new Literal(text, String.class);
            }
            if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
                int start = pos++;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                try {
                    return new Literal(Long.parseLong(s.substring(start, pos)), Long.class);
                } catch (NumberFormatException e) {
                    throw new ExprException("not a number: " + s.substring(start, pos), start + 1);
                }
            }
            int col = pos + 1;
            String name = ident();
            switch (name) {
                case "null":
                    return new Literal(null, null);
                case "true":
                    return new Literal(Boolean.TRUE, boolean.class);
                case "false":
                    return new Literal(Boolean.FALSE, boolean.class);
                case "any":
                case "none":
                    if (accept("(")) {
                        Node list = chain(cur, null);
                        expect(")");
                        if (list.type != List.class) {
                            throw new ExprException(name + "() needs a list, found " + typeName(list), col);
                        }
                        return new Quantifier(list, name.equals("any"));
                    }
                    break;
                default:
                    break;
            }
            Defines.Define define = ctx.defines().get(name);
            skip();
            if (define != null && !(pos < s.length() && (s.charAt(pos) == '(' || s.charAt(pos) == '.' || s.charAt(pos) == '['))) {
                return expand(define, cur, col);
            }
            return chain(cur, new String[] {name, String.valueOf(col)});
        }

        /** A defined name: its condition, bound here, on the element being filtered. */
        Node expand(Defines.Define define, Class<?> cur, int col) {
            if (expanding.contains(define.name())) {
                List<String> cycle = new ArrayList<>(expanding.subList(expanding.indexOf(define.name()), expanding.size()));
                cycle.add(define.name());
                throw new ExprException("\"" + define.name() + "\" is defined in terms of itself (" + String.join(" -> ", cycle) + ")", col);
            }
            ctx.defines().used.put(define.name(), Boolean.TRUE);
            Parser inner = new Parser(define.text(), ctx, expanding);
            inner.expanding.add(define.name());
            try {
                Node n = inner.or(cur);
                inner.end();
                return bool(n);
            } catch (ExprException e) {
                if (e.getMessage().startsWith("in \"")) {
                    throw new ExprException(e.getMessage(), col);
                }
                throw new ExprException("in \"" + define.name() + "\" (define, " + "line " + define.line() + ", \"" + define.text() + "\" column " + e.column + "): "
                        + e.getMessage(), col);
            } finally {
                inner.expanding.remove(inner.expanding.size() - 1);
            }
        }

        /** A member chain; {@code first} is an already read name with its column, or null to read one. */
        Node chain(Class<?> cur, String[] first) {
            Node n;
            String name;
            int col;
            if (first == null) {
                col = pos + 1;
                name = ident();
            } else {
                name = first[0];
                col = Integer.parseInt(first[1]);
            }
            if (name.equals("this")) {
                if (cur == null) {
                    throw new ExprException("\"this\" is only meaningful inside a filter", col);
                }
                n = new This();
                n.type = cur;
            } else {
                n = member(null, cur, name, col, cur);
            }
            while (true) {
                skip();
                if (pos + 1 < s.length() && s.charAt(pos) == '.' && !Character.isDigit(s.charAt(pos + 1))) {
                    pos++;
                    if (n.type == List.class) {
                        throw new ExprException("cannot read a field of a list: use any(...) or none(...)", pos + 1);
                    }
                    int c = pos + 1;
                    String m = ident();
                    n = member(n, n.type, m, c, cur);
                } else {
                    return n;
                }
            }
        }

        /** Binds {@code name} (with call arguments and a filter, if any) on the target, or on the current element then the root. */
        Node member(Node target, Class<?> on, String name, int col, Class<?> cur) {
            List<Node> args = new ArrayList<>();
            if (accept("(")) {
                if (!accept(")")) {
                    do {
                        args.add(or(cur));
                    } while (accept(","));
                    expect(")");
                }
            }
            Method m = null;
            boolean onRoot = false;
            Object[] constants = new Object[args.size()];
            if (target != null) {
                m = resolve(on, name, args, constants, col);
            } else {
                if (on != null) {
                    m = resolve(on, name, args, constants, col);
                }
                if (m == null) {
                    m = resolve(ctx.root(), name, args, constants, col);
                    onRoot = m != null;
                }
            }
            if (m == null) {
                String where = target != null ? on.getSimpleName() : (on == null ? "" : on.getSimpleName() + " or ") + "the facts";
                throw new ExprException("\"" + name + "\"" + (args.isEmpty() ? "" : " with " + args.size() + " argument" + (args.size() == 1 ? "" : "s"))
                        + " is not a field or term of " + where + (target != null ? knownFields(on) : "")
                        + (target == null && args.isEmpty() && !ctx.defines().all().isEmpty()
                        ? ", nor a define of " + CheckDeclarations.FILE + " (" + String.join(", ", new java.util.TreeSet<>(ctx.defines().all().keySet())) + ")" : ""), col);
            }
            Node filter = null;
            if (accept("[")) {
                if (!List.class.isAssignableFrom(m.getReturnType())) {
                    throw new ExprException("\"" + name + "\" is not a list", pos);
                }
                if (!accept("*")) {
                    filter = bool(or(elementType(m)));
                }
                expect("]");
            }
            return new Call(target, onRoot, m, args.toArray(new Node[0]), constants, filter);
        }

        Method resolve(Class<?> on, String name, List<Node> args, Object[] constants, int col) {
            for (Method m : candidates(on, name, args.size())) {
                Class<?>[] params = m.getParameterTypes();
                boolean fits = true;
                for (int i = 0; i < params.length && fits; i++) {
                    fits = accepts(params[i], args.get(i));
                }
                if (fits) {
                    for (int i = 0; i < params.length; i++) {
                        Node a = args.get(i);
                        if (params[i].isEnum() && a instanceof Literal lit && lit.value instanceof String text) {
                            constants[i] = enumConstant(params[i], text, col);
                        } else if (a instanceof Literal lit && lit.value instanceof Long l && (params[i] == int.class || params[i] == Integer.class)) {
                            constants[i] = l.intValue();
                        } else if (a instanceof Literal lit && lit.value != null) {
                            constants[i] = lit.value;
                        }
                    }
                    return m;
                }
            }
            return null;
        }

        static boolean accepts(Class<?> param, Node arg) {
            if (arg.type == null) {
                return !param.isPrimitive();
            }
            if (param.isEnum() && arg instanceof Literal l && l.value instanceof String) {
                return true;
            }
            Class<?> p = box(param);
            Class<?> a = box(arg.type);
            if (a == Long.class && arg instanceof Literal && p == Integer.class) {
                return true;
            }
            return p.isAssignableFrom(a) || p == Object.class;
        }

        static Class<?> box(Class<?> c) {
            if (!c.isPrimitive()) {
                return c;
            }
            return switch (c.getName()) {
                case "boolean" -> Boolean.class;
                case "int" -> Integer.class;
                case "long" -> Long.class;
                case "double" -> Double.class;
                default -> c;
            };
        }
    }
}
