package dev.preflight.facts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which probes count as a test of a documented endpoint (the network checks read them). */
class ProbeTest {

    private static final String BUS = "servicebus.windows.net";

    @Test
    void theEndpointItselfAndHostsBelowItOnPort443() {
        assertTrue(new Probe("servicebus.windows.net", 443, true).targets(BUS));
        assertTrue(new Probe("ssprdedicatedsbprodscu.ServiceBus.Windows.NET", 443, true).targets(BUS));
        assertTrue(new Probe("a.b.servicebus.windows.net", 443, false).targets("SERVICEBUS.windows.net"));
    }

    @Test
    void notAHostThatOnlyEndsWithTheSameLetters() {
        assertFalse(new Probe("evilservicebus.windows.net", 443, true).targets(BUS));
        assertFalse(new Probe("windows.net", 443, true).targets(BUS));
        assertFalse(new Probe("servicebus.windows.net.example.com", 443, true).targets(BUS));
    }

    @Test
    void anotherPortOrAnAbsentFieldIsNoProbeOfIt() {
        assertFalse(new Probe(BUS, 80, true).targets(BUS));
        assertFalse(new Probe(BUS, null, true).targets(BUS));
        assertFalse(new Probe(null, 443, true).targets(BUS));
        assertFalse(new Probe(BUS, 443, true).targets(null));
        assertFalse(new Probe(BUS, 443, true).targets(""));
    }
}
