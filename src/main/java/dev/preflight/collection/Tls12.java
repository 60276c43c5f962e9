package dev.preflight.collection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code tls12Enabled} from the eight registry values Microsoft's TLS 1.2 enforcement article
 * sets ({@code Get-ADSyncToolsTls12}, or the same rows by hand).
 */
final class Tls12 {

    private record Expected(String key, String name, boolean nonZero, long value) {
        boolean holds(long v) {
            return nonZero ? v != 0 : v == value;
        }
    }

    private static final String NET32 = "software\\wow6432node\\microsoft\\.netframework\\v4.0.30319";
    private static final String NET64 = "software\\microsoft\\.netframework\\v4.0.30319";
    private static final String SCHANNEL = "system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols\\tls 1.2\\";
    private static final List<Expected> EXPECTED = List.of(
            new Expected(NET32, "SystemDefaultTlsVersions", false, 1), new Expected(NET32, "SchUseStrongCrypto", false, 1),
            new Expected(NET64, "SystemDefaultTlsVersions", false, 1), new Expected(NET64, "SchUseStrongCrypto", false, 1),
            new Expected(SCHANNEL + "server", "Enabled", true, 0), new Expected(SCHANNEL + "server", "DisabledByDefault", false, 0),
            new Expected(SCHANNEL + "client", "Enabled", true, 0), new Expected(SCHANNEL + "client", "DisabledByDefault", false, 0));

    /** The verdict: true, false, or null with the reason ({@code why}); {@code note} says what it rests on. */
    record Verdict(Boolean enabled, String note, dev.preflight.api.MissingFact.Reason why) {
    }

    private Tls12() {
    }

    static String normalise(String path) {
        String p = path.strip().toLowerCase(Locale.ROOT).replace('/', '\\');
        for (String prefix : List.of("microsoft.powershell.core\\registry::", "registry::")) {
            if (p.startsWith(prefix)) {
                p = p.substring(prefix.length());
            }
        }
        for (String prefix : List.of("hklm:\\", "hklm:", "hkey_local_machine\\")) {
            if (p.startsWith(prefix)) {
                return p.substring(prefix.length());
            }
        }
        return p;
    }

    /**
     * Judges the rows. {@code windows2016OrLater} and {@code netFx47OrLater} are null when
     * server.json does not say.
     */
    static Verdict judge(List<PsNode> rows, Boolean windows2016OrLater, Boolean netFx47OrLater) {
        String fact = "onPremises.connect.tls12Enabled";
        List<String> contrary = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        for (Expected e : EXPECTED) {
            PsNode row = null;
            for (PsNode r : rows) {
                String path = r.get("Path").nonEmptyText(fact);
                String name = r.get("Name").nonEmptyText(fact);
                if (path != null && name != null && normalise(path).equals(e.key) && name.equalsIgnoreCase(e.name)) {
                    row = r;
                }
            }
            String label = (e.key.startsWith(NET32) ? ".NET v4.0.30319 (32-bit) " : e.key.startsWith(NET64) ? ".NET v4.0.30319 "
                    : e.key.endsWith("server") ? "SCHANNEL TLS 1.2 Server " : "SCHANNEL TLS 1.2 Client ") + e.name;
            PsNode v = row == null ? null : row.get("Value");
            if (v == null || v.isNull() || v.raw().isTextual() && v.raw().asText().equalsIgnoreCase("Not Found")) {
                notFound.add(label);
                continue;
            }
            long value = v.integer(fact);
            if (!e.holds(value)) {
                contrary.add(label + " = " + value);
            }
        }
        if (!contrary.isEmpty()) {
            return new Verdict(false, "set the other way: " + String.join(", ", contrary), null);
        }
        if (notFound.isEmpty()) {
            return new Verdict(true, null, null);
        }
        String missing = "not set: " + String.join(", ", notFound);
        if (Boolean.TRUE.equals(windows2016OrLater) && Boolean.TRUE.equals(netFx47OrLater)) {
            return new Verdict(true, missing + "; rests on the defaults of Windows Server 2016 or later with .NET Framework 4.7 or later, which enable TLS 1.2", null);
        }
        dev.preflight.api.MissingFact.Reason why = Reasons.of(windows2016OrLater == null || netFx47OrLater == null
                ? Reasons.TLS_NOT_SET_NO_VERSIONS : Reasons.TLS_NOT_SET_OLD, Reasons.all(notFound));
        return new Verdict(null, why.english(), why);
    }
}
