package dev.preflight.facts;

/** TCP ports: 1 to 65535. */
final class PortDeserializer extends NonNegativeIntDeserializer {

    private static final long serialVersionUID = 1L;

    @Override
    int min() {
        return 1;
    }

    @Override
    int max() {
        return 65535;
    }
}
