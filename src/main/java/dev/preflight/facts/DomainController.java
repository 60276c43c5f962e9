package dev.preflight.facts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A domain controller.
 *
 * @param hostName                   the DC's DNS host name
 * @param operatingSystem            as Active Directory records it, such as "Windows Server 2019 Datacenter"
 * @param operatingSystemServicePack such as "Service Pack 1"; absent or null when the DC has none
 * @param isReadOnly                 true for a read-only domain controller
 */
public record DomainController(String hostName, String operatingSystem, String operatingSystemServicePack, Boolean isReadOnly) {

    private static final Pattern LAST_INTEGER = Pattern.compile("(\\d+)(?!.*\\d)");

    /** For rules: Drools reads {@code isReadOnly} through this getter (it does not take {@code is} components of records). */
    public Boolean getIsReadOnly() {
        return isReadOnly;
    }

    /** The service pack number: the last integer of {@code operatingSystemServicePack}, 0 when none. */
    public int servicePack() {
        if (operatingSystemServicePack == null) {
            return 0;
        }
        Matcher m = LAST_INTEGER.matcher(operatingSystemServicePack);
        if (!m.find()) {
            return 0;
        }
        String digits = m.group(1);
        // A service pack number never needs more than a few digits; anything longer is not a real one.
        return digits.length() > 3 ? 0 : Integer.parseInt(digits);
    }

    /** A readable name for findings. */
    public String label() {
        return hostName != null ? hostName : "(domain controller without hostName)";
    }
}
