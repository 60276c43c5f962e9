package dev.preflight.engine;

import dev.preflight.api.CheckInfo;
import dev.preflight.api.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks the rules declare, in catalogue order: by area (LIC, ACC, SSPR, AD, CON, NET, EVT, then others), then id. */
public final class Catalogue {

    private static final List<String> AREA_ORDER = List.of("LIC", "ACC", "SSPR", "AD", "CON", "NET", "EVT");
    private final List<CheckInfo> checks;
    private final Map<String, CheckInfo> byId;
    private final Map<String, CheckDeclarations.CheckDecl> declarations;

    private Catalogue(List<CheckInfo> checks, Map<String, CheckDeclarations.CheckDecl> declarations) {
        this.checks = List.copyOf(checks);
        Map<String, CheckInfo> m = new LinkedHashMap<>();
        checks.forEach(c -> m.put(c.id(), c));
        this.byId = m;
        this.declarations = declarations;
    }

    /** The catalogue of the declared checks, each with the names of its rules (in file order). */
    static Catalogue of(List<CheckDeclarations.CheckDecl> declared, Collection<RuleMeta> rules) {
        Map<String, List<String>> ruleNames = new LinkedHashMap<>();
        for (RuleMeta r : rules) {
            if (r.belongsToCheck()) {
                ruleNames.computeIfAbsent(r.checkId(), k -> new ArrayList<>()).add(r.ruleName());
            }
        }
        List<CheckInfo> checks = new ArrayList<>();
        Map<String, CheckDeclarations.CheckDecl> byId = new LinkedHashMap<>();
        for (CheckDeclarations.CheckDecl d : declared) {
            Set<Severity> sev = d.severities().isEmpty() ? EnumSet.noneOf(Severity.class) : EnumSet.copyOf(d.severities());
            checks.add(new CheckInfo(d.id(), areaOf(d.id()), d.title(), new ArrayList<>(sev), d.doc(),
                    CheckDeclarations.FILE, d.line(), ruleNames.getOrDefault(d.id(), List.of())));
            byId.put(d.id(), d);
        }
        checks.sort(Comparator.comparingInt((CheckInfo c) -> areaRank(c.area())).thenComparing(CheckInfo::area).thenComparing(CheckInfo::id));
        return new Catalogue(checks, byId);
    }

    /** The check's declared default remediation (English), or {@code null} when it declares none. */
    public String remediation(String id) {
        CheckDeclarations.CheckDecl d = declarations.get(id);
        return d == null ? null : d.remediation();
    }

    /** The declaration of a check, or {@code null}. */
    CheckDeclarations.CheckDecl declaration(String id) {
        return declarations.get(id);
    }

    /** The area of a check id: its middle part ({@code PWB-AD-002} is in AD). */
    public static String areaOf(String id) {
        String[] parts = id.split("-");
        return parts.length >= 3 ? parts[1] : id;
    }

    private static int areaRank(String area) {
        int i = AREA_ORDER.indexOf(area);
        return i < 0 ? AREA_ORDER.size() : i;
    }

    /** Every check, in catalogue order. */
    public List<CheckInfo> checks() {
        return checks;
    }

    /** A check by id, or {@code null}. */
    public CheckInfo get(String id) {
        return byId.get(id);
    }
}
