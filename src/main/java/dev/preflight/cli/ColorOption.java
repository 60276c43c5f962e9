package dev.preflight.cli;

import dev.preflight.report.Style;
import picocli.CommandLine.Option;

/** {@code --color}: whether terminal output is coloured, for every command that colours it. */
final class ColorOption {

    @Option(names = "--color", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Colour terminal output: ${COMPLETION-CANDIDATES} (default: auto, honouring NO_COLOR).")
    private Console.ColorChoice color;

    /** The style of text written to the console's standard output. */
    Style style(Console console) {
        return console.style(color);
    }
}
