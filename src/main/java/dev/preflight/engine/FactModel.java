package dev.preflight.engine;

import dev.preflight.facts.TenantFacts;
import dev.preflight.rules.RequirementScope;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each fact type sits in the input document, as a path with {@code [*]} for list elements
 * ({@code User} at {@code users[*]}, {@code Domain} at {@code onPremises.forests[*].domains[*]}),
 * and the fields of each: the record components that are fields of the input format. Lets the
 * fields a rule reads and the fields a declaration names be compared as one kind of thing.
 */
final class FactModel {

    /** A field of a fact type: its name, its Java type and, for a list, its element type. */
    record Field(String name, Class<?> type, Class<?> element) {
    }

    private static final Map<Class<?>, List<String>> PATHS;
    private static final Map<Class<?>, Map<String, Field>> FIELDS;

    static {
        Map<Class<?>, List<String>> paths = new LinkedHashMap<>();
        Map<Class<?>, Map<String, Field>> fields = new LinkedHashMap<>();
        walk(TenantFacts.class, "", paths, fields);
        PATHS = Collections.unmodifiableMap(paths);
        FIELDS = Collections.unmodifiableMap(fields);
    }

    private FactModel() {
    }

    private static void walk(Class<?> type, String path, Map<Class<?>, List<String>> paths, Map<Class<?>, Map<String, Field>> fields) {
        paths.computeIfAbsent(type, t -> new ArrayList<>()).add(path);
        // The document is a tree: a type met twice (ConnectorRuns) is walked twice, for its paths.
        Map<String, Field> own = new LinkedHashMap<>();
        fields.putIfAbsent(type, own);
        for (RecordComponent rc : type.getRecordComponents()) {
            String child = path.isEmpty() ? rc.getName() : path + "." + rc.getName();
            if (CheckDeclarations.FactSchema.check(child.replace("[*]", "")) != null) {
                continue; // not a field of the input format (a value derived when reading)
            }
            Class<?> element = List.class.isAssignableFrom(rc.getType()) ? element(rc.getGenericType()) : null;
            own.put(rc.getName(), new Field(rc.getName(), rc.getType(), element));
            Class<?> next = element != null ? element : rc.getType();
            if (isFact(next)) {
                walk(next, element != null ? child + "[*]" : child, paths, fields);
            }
        }
    }

    private static Class<?> element(Type t) {
        return t instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c ? c : Object.class;
    }

    /** Whether the type is a record of the input document (as opposed to a value such as a version or an enum). */
    static boolean isFact(Class<?> type) {
        return type != null && type.isRecord() && type.getPackageName().equals("dev.preflight.facts");
    }

    /** The fact types, the document's root first. */
    static List<Class<?>> types() {
        return List.copyOf(FIELDS.keySet());
    }

    /** The fields of a fact type, in declaration order; empty for any other type. */
    static Map<String, Field> fields(Class<?> type) {
        Class<?> t = type == RequirementScope.class ? TenantFacts.class : type;
        return FIELDS.getOrDefault(t, Map.of());
    }

    /** Where the type sits in the document (several places for a type used twice); empty for any other type. */
    static List<String> paths(Class<?> type) {
        Class<?> t = type == RequirementScope.class ? TenantFacts.class : type;
        return PATHS.getOrDefault(t, List.of());
    }

    /** The document paths of a field of a type ({@code onPremises.connect.tls12Enabled}); empty when it is not a field. */
    static List<String> fieldPaths(Class<?> owner, String field) {
        if (!fields(owner).containsKey(field)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : paths(owner)) {
            out.add(p.isEmpty() ? field : p + "." + field);
        }
        return out;
    }
}
