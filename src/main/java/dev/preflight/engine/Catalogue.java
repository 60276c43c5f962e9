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
    private static final Map<String, String> AREA_NAMES = Map.of(
            "LIC", "Licensing", "ACC", "Accounts", "SSPR", "Self-service password reset", "AD", "On-premises Active Directory",
            "CON", "Entra Connect server", "NET", "Network", "EVT", "Event log");

    private final List<CheckInfo> checks;
    private final Map<String, CheckInfo> byId;

    private Catalogue(List<CheckInfo> checks) {
        this.checks = List.copyOf(checks);
        Map<String, CheckInfo> m = new LinkedHashMap<>();
        checks.forEach(c -> m.put(c.id(), c));
        this.byId = m;
    }

    /** The catalogue of the check rules among the metadata (rules in file order). */
    static Catalogue of(Collection<RuleMeta> rules) {
        Map<String, List<RuleMeta>> grouped = new LinkedHashMap<>();
        for (RuleMeta r : rules) {
            if (r.belongsToCheck()) {
                grouped.computeIfAbsent(r.checkId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<CheckInfo> checks = new ArrayList<>();
        grouped.forEach((id, rs) -> {
            RuleMeta first = rs.get(0);
            Set<Severity> sev = EnumSet.noneOf(Severity.class);
            rs.forEach(r -> {
                if (r.severity() != null) {
                    sev.add(r.severity());
                }
            });
            checks.add(new CheckInfo(id, areaOf(id), first.title(), new ArrayList<>(sev), first.docUrl(),
                    first.file(), first.line(), rs.stream().map(RuleMeta::ruleName).toList()));
        });
        checks.sort(Comparator.comparingInt((CheckInfo c) -> areaRank(c.area())).thenComparing(CheckInfo::area).thenComparing(CheckInfo::id));
        return new Catalogue(checks);
    }

    /** The area of a check id: its middle part ({@code PWB-AD-002} is in AD). */
    public static String areaOf(String id) {
        String[] parts = id.split("-");
        return parts.length >= 3 ? parts[1] : id;
    }

    /** The area's name for people: "Licensing", "Network"; the code itself for an area this release does not know. */
    public static String areaName(String area) {
        return AREA_NAMES.getOrDefault(area, area);
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
