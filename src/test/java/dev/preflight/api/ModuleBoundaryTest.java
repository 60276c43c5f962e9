package dev.preflight.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's module boundary ({@code src/main/module/module-info.java}) is a decision, not an
 * accident: exactly the packages integrators and rule authors use are exported, every other
 * library package is named here as internal (a new package fails until someone decides), and no
 * public signature of an exported type names a type of an unexported package.
 */
class ModuleBoundaryTest {

    static final Path DESCRIPTOR = Path.of("src/main/module/module-info.java");
    static final Path CLASSES = Path.of("target/classes");

    /** The public API: the evaluator and its report, the facts it reads, what DRL rules call. */
    static final Set<String> EXPORTED = Set.of("dev.preflight.api", "dev.preflight.facts", "dev.preflight.rules");
    /** In the library jar, used through the API, free to change. */
    static final Set<String> INTERNAL = Set.of("dev.preflight.engine", "dev.preflight.report", "dev.preflight.batch",
            "dev.preflight.collection", "dev.preflight.results");
    /** The application's packages: not in the library jar at all (see the jar plugin in pom.xml). */
    static final Set<String> APPLICATION = Set.of("dev.preflight.cli", "dev.preflight.generate", "dev.preflight.ruletest",
            "dev.preflight.server");

    static Set<String> exportedByDescriptor() throws IOException {
        String text = Files.readString(DESCRIPTOR, StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\bexports\\s+([\\w.]+)\\s*;").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Set<String> packagesWithClasses() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(CLASSES.resolve("dev/preflight"))) {
            walk.filter(p -> p.toString().endsWith(".class"))
                    .forEach(p -> out.add(CLASSES.relativize(p.getParent()).toString().replace('/', '.').replace('\\', '.')));
        }
        return out;
    }

    @Test
    void theDescriptorExportsExactlyThePublicApi() throws IOException {
        assertEquals(new TreeSet<>(EXPORTED), exportedByDescriptor(),
                "an export added or dropped in module-info.java: change EXPORTED here only if the package is meant to be public API");
    }

    @Test
    void everyPackageIsExportedInternalOrApplication() throws IOException {
        List<String> undecided = new ArrayList<>();
        for (String p : packagesWithClasses()) {
            if (!EXPORTED.contains(p) && !INTERNAL.contains(p) && !APPLICATION.contains(p)) {
                undecided.add(p);
            }
        }
        assertEquals(List.of(), undecided, "new packages: export them in module-info.java or name them INTERNAL or APPLICATION here "
                + "(and leave application packages out of the library jar in pom.xml)");
    }

    @Test
    void noExportedSignatureNamesAnUnexportedType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String pkg : EXPORTED) {
            for (Class<?> c : publicTypes(pkg)) {
                check(c.getName() + " extends", c.getGenericSuperclass(), leaks);
                for (Type t : c.getGenericInterfaces()) {
                    check(c.getName() + " implements", t, leaks);
                }
                for (Field f : c.getDeclaredFields()) {
                    if (visible(f.getModifiers())) {
                        check(c.getName() + "." + f.getName(), f.getGenericType(), leaks);
                    }
                }
                List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
                members.addAll(List.<Constructor<?>>of(c.getDeclaredConstructors()));
                for (Executable e : members) {
                    if (!visible(e.getModifiers()) || e.isSynthetic()) {
                        continue;
                    }
                    String where = c.getName() + "." + e.getName();
                    if (e instanceof Method m) {
                        check(where + " returns", m.getGenericReturnType(), leaks);
                    }
                    for (Type t : e.getGenericParameterTypes()) {
                        check(where + " parameter", t, leaks);
                    }
                    for (Type t : e.getGenericExceptionTypes()) {
                        check(where + " throws", t, leaks);
                    }
                }
            }
        }
        assertEquals(List.of(), leaks, "public API naming internal types: a module-path user cannot use them");
    }

    @Test
    void theCheckSeesALeak() {
        // The check above must be able to fail: a type of an internal package is a leak, JDK and API types are not.
        List<String> leaks = new ArrayList<>();
        check("probe", dev.preflight.engine.RuleFiles.class, leaks);
        check("probe", java.util.List.class, leaks);
        check("probe", Report.class, leaks);
        assertEquals(1, leaks.size(), leaks.toString());
    }

    static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    static List<Class<?>> publicTypes(String pkg) throws IOException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        Path dir = CLASSES.resolve(pkg.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = p.getFileName().toString().replace(".class", "");
                if (name.equals("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(pkg + "." + name, false, ModuleBoundaryTest.class.getClassLoader());
                if (reachable(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Public, and (for a nested type) inside public types all the way out. */
    static boolean reachable(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    static void check(String where, Type type, List<String> leaks) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.isPrimitive()) {
                return;
            }
            String pkg = c.getPackageName();
            if (pkg.startsWith("dev.preflight") && !EXPORTED.contains(pkg)) {
                leaks.add(where + ": " + c.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), leaks);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, leaks);
            }
        } else if (type instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), leaks);
        } else if (type instanceof WildcardType w) {
            for (Type t : w.getUpperBounds()) {
                check(where, t, leaks);
            }
            for (Type t : w.getLowerBounds()) {
                check(where, t, leaks);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type t : v.getBounds()) {
                if (t != type) {
                    check(where, t, leaks);
                }
            }
        }
    }

    @Test
    void theLibraryJarListIsThePomsList() throws IOException {
        // The jar plugin's excludes in pom.xml name the same application packages as APPLICATION.
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        for (String p : APPLICATION) {
            assertTrue(pom.contains("<exclude>" + p.replace('.', '/') + "/**</exclude>"), p + " left out of the library jar");
            assertTrue(pom.contains("<include>" + p.replace('.', '/') + "/**</include>"), p + " in the application's jar");
        }
    }
}
