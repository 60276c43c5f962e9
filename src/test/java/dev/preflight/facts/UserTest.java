package dev.preflight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An account's hash comes from its names alone and still agrees with equals (the rules join on accounts by hash). */
class UserTest {

    private static User user(String upn, String id, List<String> roles) {
        return new User(upn, id, "Alice", true, false, true, roles, null, List.of(), List.of(Purpose.TEST_USER), 0, true);
    }

    @Test
    void equalAccountsHashAlikeWhateverTheirLists() {
        User a = user("alice@contoso.com", "1", List.of("Global Administrator"));
        User b = user("alice@contoso.com", "1", new ArrayList<>(List.of("Global Administrator")));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void accountsThatDifferOnlyInWhatTheyHoldAreStillTwoAccounts() {
        User a = user("alice@contoso.com", "1", List.of("Global Administrator"));
        User b = user("alice@contoso.com", "1", List.of());
        assertNotEquals(a, b, "equals still compares every field");
        assertEquals(a.hashCode(), b.hashCode(), "the hash reads the names only");
        assertNotEquals(user("bob@contoso.com", "2", null).hashCode(), a.hashCode());
        assertEquals(user(null, null, null).hashCode(), user(null, null, List.of("x")).hashCode(), "absent names hash too");
    }
}
