package dev.preflight.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.api.RuleProblem;
import dev.preflight.engine.RuleFiles;
import dev.preflight.rules.ConnectBuild;
import dev.preflight.rules.Tables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Values a test tenant can take from the rules' tables instead of pinning them, so that a table
 * update changes no case whose meaning it does not change: {@code "version": "@current"} at
 * {@code onPremises.connect.version} is the newest build of {@code tables/connect-versions.csv}.
 * Resolved when the cases load, from the tables of the rules they test.
 */
public final class Placeholders {

    /** The placeholder text. */
    public static final String CURRENT = "@current";

    /** No tables: a placeholder is an error. */
    static final Placeholders NONE = new Placeholders(null);

    private final Tables tables;

    private Placeholders(Tables tables) {
        this.tables = tables;
    }

    /** Resolves from the directory's tables (tables that do not load are reported by {@code rules check}, not here). */
    public static Placeholders of(RuleFiles files) {
        List<RuleProblem> ignored = new ArrayList<>();
        return new Placeholders(Tables.load(files.tables(), ignored));
    }

    /** Replaces every placeholder in the facts; an unknown place or unresolvable value is an IllegalArgumentException naming the path. */
    void resolve(ObjectNode facts) {
        walk(facts, "");
    }

    private void walk(JsonNode node, String path) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isTextual() && e.getValue().asText().equals(CURRENT)) {
                    o.put(e.getKey(), value(child));
                } else {
                    walk(e.getValue(), child);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private String value(String path) {
        if (!path.equals("onPremises.connect.version")) {
            throw new IllegalArgumentException("\"" + CURRENT + "\" at " + path + ": only onPremises.connect.version can be \"" + CURRENT
                    + "\" (the newest build in tables/connect-versions.csv)");
        }
        ConnectBuild newest = tables == null ? null : tables.newestConnectBuild();
        if (newest == null) {
            throw new IllegalArgumentException("\"" + CURRENT + "\" at " + path + ": tables/connect-versions.csv lists no build");
        }
        return newest.build().toString();
    }
}
