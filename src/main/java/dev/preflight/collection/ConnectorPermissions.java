package dev.preflight.collection;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code connectorAccount.permissions} from the access rules on a domain root that name the AD DS
 * connector account ({@code onprem/connector-acl.<domain>.json}), mapped by the GUIDs of the
 * extended rights and attributes password writeback needs.
 */
final class ConnectorPermissions {

    /** The tokens of facts.md, in its order. */
    enum Token { ResetPassword, ChangePassword, WriteLockoutTime, WritePwdLastSet, UnexpirePassword }

    static final long EXTENDED_RIGHT = 256;
    static final long WRITE_PROPERTY = 32;
    static final long GENERIC_ALL = 983551;
    private static final String ALL_ZEROS = "00000000-0000-0000-0000-000000000000";
    private static final String USER_CLASS = "bf967aba-0de6-11d0-a285-00aa003049e2";
    private static final Map<String, Token> EXTENDED_RIGHTS = Map.of(
            "00299570-246d-11d0-a768-00aa006e0529", Token.ResetPassword,
            "ab721a53-1e2f-11d0-9819-00aa0040529b", Token.ChangePassword,
            "ccc2dc7d-a6ad-4a7a-8846-c04e3cc53501", Token.UnexpirePassword);
    private static final Map<String, Token> PROPERTIES = Map.of(
            "28630ebf-41d5-11d1-a9c1-0000f80367c1", Token.WriteLockoutTime,
            "bf967a0a-0de6-11d0-a285-00aa003049e2", Token.WritePwdLastSet);
    private static final Map<String, Long> RIGHT_NAMES = Map.of("extendedright", EXTENDED_RIGHT, "writeproperty", WRITE_PROPERTY,
            "genericall", GENERIC_ALL, "genericwrite", 131112L, "readproperty", 16L, "delete", 65536L, "writedacl", 262144L,
            "readcontrol", 131072L, "listchildren", 4L, "createchild", 1L);

    private ConnectorPermissions() {
    }

    /** What one domain's rules grant. */
    static Set<Token> granted(ImportContext ctx, PsNode doc) {
        String fact = "onPremises.connect.connectorAccount.permissions";
        Set<Token> allow = EnumSet.noneOf(Token.class);
        Set<Token> deny = EnumSet.noneOf(Token.class);
        ctx.each(doc, fact, rule -> {
            PsNode type = rule.get("AccessControlType");
            boolean isDeny = type.raw().isNumber() ? type.integer(fact) == 1 : "deny".equalsIgnoreCase(type.text(fact));
            String inherited = guid(rule.get("InheritedObjectType").text(fact));
            if (inherited != null && !inherited.equals(USER_CLASS)) {
                return; // applies to other object classes
            }
            long rights = rights(rule.get("ActiveDirectoryRights"), fact);
            String objectType = guid(rule.get("ObjectType").text(fact));
            (isDeny ? deny : allow).addAll(tokens(rights, objectType));
        });
        allow.removeAll(deny);
        return allow;
    }

    private static Set<Token> tokens(long rights, String objectType) {
        Set<Token> out = EnumSet.noneOf(Token.class);
        if ((rights & GENERIC_ALL) == GENERIC_ALL) {
            return EnumSet.allOf(Token.class);
        }
        if ((rights & EXTENDED_RIGHT) != 0) {
            if (objectType == null) {
                out.addAll(EXTENDED_RIGHTS.values()); // every extended right
            } else if (EXTENDED_RIGHTS.containsKey(objectType)) {
                out.add(EXTENDED_RIGHTS.get(objectType));
            }
        }
        if ((rights & WRITE_PROPERTY) != 0) {
            if (objectType == null) {
                out.addAll(PROPERTIES.values()); // every property
            } else if (PROPERTIES.containsKey(objectType)) {
                out.add(PROPERTIES.get(objectType));
            }
        }
        return out;
    }

    /** A GUID in lower case; null for empty, null or all zeros (meaning "any"). */
    private static String guid(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String g = s.strip().toLowerCase(Locale.ROOT);
        return g.equals(ALL_ZEROS) ? null : g;
    }

    /** ActiveDirectoryRights as a flags integer (5.1) or a comma-separated list of names. */
    private static long rights(PsNode n, String fact) {
        if (n.raw().isNumber()) {
            return n.integer(fact);
        }
        String text = n.text(fact);
        if (text == null) {
            return 0;
        }
        long r = 0;
        for (String part : text.split(",")) {
            Long v = RIGHT_NAMES.get(part.strip().toLowerCase(Locale.ROOT));
            if (v == null) {
                throw n.problem(fact, "unknown ActiveDirectoryRights name \"" + part.strip() + "\"");
            }
            r |= v;
        }
        return r;
    }

    static List<String> names(Set<Token> tokens) {
        List<String> out = new ArrayList<>();
        tokens.forEach(t -> out.add(t.name()));
        return out;
    }
}
