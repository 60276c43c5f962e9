package dev.preflight.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.preflight.generate.TenantGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of every evaluation, on random valid tenants and on random mutations of the samples
 * (dropped fields, nulls, wrong types, extreme numbers, odd strings, huge lists). A bounded number
 * of tries runs in {@code mvn verify} ({@code junit-platform.properties}); a long run on demand:
 * {@code mvn test -Dtest=EvaluationPropertiesTest -Djqwik.tries.default=20000}.
 */
class EvaluationPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static Evaluator evaluator;
    private static JsonSchema reportSchema;
    private static List<JsonNode> samples;

    @BeforeContainer
    static void setUp() throws IOException {
        // A fixed clock: without tenant.collectedAt the clock decides, and the same input must give the same report.
        evaluator = Evaluator.builder().rulesDirectory(Path.of("rules"))
                .clock(java.time.Clock.fixed(java.time.Instant.parse("2026-11-21T08:00:00Z"), java.time.ZoneOffset.UTC)).build();
        try (InputStream in = EvaluationPropertiesTest.class.getResourceAsStream("/schema/report.schema.json")) {
            reportSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        samples = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                samples.add(JSON.readTree(p.toFile()));
            }
        }
    }

    @AfterContainer
    static void tearDown() {
        evaluator.close();
    }

    // ---- random valid tenants ----------------------------------------------------------------

    @Property
    void generatedTenantsGetTheirVerdictAndSatisfyTheInvariants(@ForAll long seed, @ForAll @IntRange(min = 0, max = 100_000) int index) {
        String line = new TenantGenerator(seed).line(index);
        Report r = evaluator.evaluateJson(line);
        invariants(r, line);
        String expected = TenantGenerator.expected(line).verdict();
        if (!expected.equals(r.verdict().name())) {
            throw new AssertionError("seed " + seed + " index " + index + ": built for " + expected + ", got " + r.verdict() + " " + r.failedChecks());
        }
    }

    // ---- mutated samples -----------------------------------------------------------------------

    /** One change to a document: at the {@code target}-th node (modulo the number of nodes), of a kind, with a parameter. */
    record Mutation(int target, int kind, int parameter) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.integers().between(0, 10_000),
                // drops and nulls (valid, and what collectors produce) weigh more than type damage
                Arbitraries.integers().between(0, 13).map(k -> k < 4 ? 0 : k < 8 ? 1 : k - 6),
                Arbitraries.integers().between(0, 10_000)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property
    void mutatedSamplesNeverCrashAndAlwaysGiveAConsistentReport(@ForAll @IntRange(min = 0, max = 11) int sample,
                                                                @ForAll("mutations") List<Mutation> mutations) {
        JsonNode doc = samples.get(sample % samples.size()).deepCopy();
        for (Mutation m : mutations) {
            doc = mutate(doc, m);
        }
        String text = doc.toString();
        Report r;
        try {
            r = evaluator.evaluateJson(text);
        } catch (InvalidFactsException e) {
            // A clean input error, naming where; the only exception the API may raise for facts.
            if (e.problem() == null || e.problem().isBlank()) {
                throw new AssertionError("an input error must say what is wrong", e);
            }
            net.jqwik.api.statistics.Statistics.label("outcome").collect("rejected as invalid input");
            return;
        }
        net.jqwik.api.statistics.Statistics.label("outcome").collect("evaluated: " + r.verdict());
        invariants(r, text);
    }

    private static final String[] ODD_STRINGS = {"", " ", "never", "\u0000", "\u202Eevil", "Windows Server 3000", "2026-13-45T99:00:00Z",
        "é漢字🙂", "x".repeat(20_000), "=HYPERLINK(\"x\")", "null", "-1", "1.2.3.4.5.6.7.8.9", "passwordreset.microsoftonline.com"};
    private static final Object[] EXTREME_NUMBERS = {0, -1, Integer.MAX_VALUE, Long.MAX_VALUE, 1e308, -0.0, 3.5, 65536, 443};

    private static JsonNode mutate(JsonNode root, Mutation m) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return root;
        }
        Slot s = slots.get(m.target() % slots.size());
        JsonNode replacement = switch (m.kind()) {
            case 0 -> null; // drop the field or element
            case 1 -> F.nullNode();
            case 2 -> F.textNode(ODD_STRINGS[m.parameter() % ODD_STRINGS.length]);
            case 3 -> number(EXTREME_NUMBERS[m.parameter() % EXTREME_NUMBERS.length]);
            case 4 -> m.parameter() % 2 == 0 ? F.booleanNode(true) : F.objectNode();
            case 5 -> F.arrayNode();
            case 6 -> huge(s.value(), m.parameter());
            default -> s.value().isObject() ? s.value() : F.objectNode().set("unknown", s.value());
        };
        s.set(replacement);
        return root;
    }

    private static JsonNode number(Object n) {
        if (n instanceof Integer i) {
            return F.numberNode(i);
        } else if (n instanceof Long l) {
            return F.numberNode(l);
        }
        return F.numberNode((Double) n);
    }

    /** A list made long: many copies of its first element (or of the value itself). */
    private static JsonNode huge(JsonNode value, int parameter) {
        ArrayNode a = F.arrayNode();
        JsonNode element = value.isArray() && !value.isEmpty() ? value.get(0) : value;
        for (int i = 0; i < 50 + parameter % 500; i++) {
            a.add(element.deepCopy());
        }
        return a;
    }

    /** A place in the document that can be replaced or removed. */
    private interface Slot {
        JsonNode value();

        void set(JsonNode v);
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = o.get(name);
                out.add(new Slot() {
                    public JsonNode value() {
                        return child;
                    }

                    public void set(JsonNode v) {
                        if (v == null) {
                            o.remove(name);
                        } else {
                            o.set(name, v);
                        }
                    }
                });
                collect(child, out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                int index = i;
                JsonNode child = a.get(i);
                out.add(new Slot() {
                    public JsonNode value() {
                        return child;
                    }

                    public void set(JsonNode v) {
                        if (index >= a.size()) {
                            return;
                        }
                        if (v == null) {
                            a.remove(index);
                        } else {
                            a.set(index, v);
                        }
                    }
                });
                collect(child, out);
            }
        }
    }

    // ---- the invariants ------------------------------------------------------------------------

    private static void invariants(Report r, String input) {
        List<CheckInfo> catalogue = evaluator.catalogue();
        // exactly one status per catalogue check, in catalogue order
        if (r.checks().size() != catalogue.size()) {
            fail(input, "expected " + catalogue.size() + " checks, got " + r.checks().size());
        }
        boolean anyError = false;
        boolean blocked = false;
        int passed = 0;
        int notEvaluated = 0;
        for (int i = 0; i < catalogue.size(); i++) {
            CheckResult c = r.checks().get(i);
            CheckInfo info = catalogue.get(i);
            if (!c.id().equals(info.id())) {
                fail(input, "check " + i + " is " + c.id() + ", expected " + info.id());
            }
            switch (c.status()) {
                case PASS -> {
                    passed++;
                    if (!c.findings().isEmpty() || !c.missing().isEmpty() || c.severity() != null) {
                        fail(input, c.id() + " passes with findings or missing facts");
                    }
                }
                case FAIL -> {
                    if (c.findings().isEmpty() || c.severity() != c.findings().stream().map(Finding::severity).min(Enum::compareTo).orElseThrow()) {
                        fail(input, c.id() + " fails without findings, or with a severity not its worst finding's");
                    }
                    anyError |= c.severity() == Severity.ERROR;
                    blocked |= info.canBlock() && c.severity() != Severity.ERROR && !c.missing().isEmpty();
                    if (!info.severities().containsAll(c.findings().stream().map(Finding::severity).toList())) {
                        fail(input, c.id() + " raised a severity its rules do not declare");
                    }
                }
                case NOT_EVALUATED -> {
                    notEvaluated++;
                    if (c.missing().isEmpty() || !c.findings().isEmpty()) {
                        fail(input, c.id() + " not evaluated without naming what is missing");
                    }
                    blocked |= info.canBlock();
                }
                case ERROR -> blocked = true;
            }
        }
        Verdict expected = anyError ? Verdict.NOT_ELIGIBLE : blocked ? Verdict.INCOMPLETE : Verdict.ELIGIBLE;
        if (r.verdict() != expected) {
            fail(input, "verdict " + r.verdict() + " is inconsistent with the statuses (expected " + expected + ")");
        }
        if (r.summary().passed() != passed || r.summary().notEvaluated() != notEvaluated || r.summary().checks() != catalogue.size()) {
            fail(input, "summary " + r.summary() + " does not count the statuses");
        }
        if (!r.errors().isEmpty()) {
            fail(input, "the shipped rules failed while running: " + r.errors());
        }
        // deterministic
        String json = r.toJson();
        if (!json.equals(evaluator.evaluateJson(input).toJson())) {
            fail(input, "two evaluations of the same facts differ");
        }
        // valid against its own schema
        try {
            Set<com.networknt.schema.ValidationMessage> errors = reportSchema.validate(JSON.readTree(json));
            if (!errors.isEmpty()) {
                fail(input, "the report does not validate against report.schema.json: " + errors);
            }
        } catch (IOException e) {
            fail(input, "the report is not JSON: " + e);
        }
    }

    private static void fail(String input, String message) {
        throw new AssertionError(message + "\ninput: " + (input.length() > 4000 ? input.substring(0, 4000) + "..." : input));
    }
}
