package dev.preflight.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lists a command's options under the headings the guides use (docs/reports.md "Formats and
 * options", docs/batch-and-spark.md, docs/service.md), instead of one alphabetical list: what to
 * read, what to write, how to judge, where a service listens and whom it lets in, which rules, its
 * limits, how to run, and the general options every command has.
 */
final class OptionGroups implements CommandLine.IHelpSectionRenderer {

    /** The headings, in the order help lists them, and the options under each (by longest name). */
    static final Map<String, List<String>> GROUPS = groups();

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("Input", List.of("--answers", "--set", "--validate-only", "--resume", "--count", "--seed"));
        g.put("Output", List.of("--format", "--output", "--all", "--summary", "--html", "--answers-template", "--locale", "--color", "--quiet", "--coverage", "--only"));
        g.put("Judging", List.of("--waivers", "--fail-on", "--strict"));
        g.put("Listening", List.of("--port", "--bind"));
        g.put("Security", List.of("--tokens", "--tls-keystore", "--tls-password-file"));
        g.put("Rules", List.of("--rules", "--rules-cache", "--no-rules-cache", "--watch"));
        g.put("Limits", List.of("--workers", "--queue", "--time-budget", "--read-timeout", "--min-data-rate", "--shutdown-grace"));
        g.put("Running", List.of("--threads", "--batch-threads"));
        g.put("General", List.of("--verbose", "--help", "--version"));
        return g;
    }

    /** The heading of an option; an option no group names is listed under "Other" (HelpAndCiGatesTest fails then). */
    static String groupOf(OptionSpec option) {
        for (Map.Entry<String, List<String>> e : GROUPS.entrySet()) {
            if (e.getValue().contains(option.longestName())) {
                return e.getKey();
            }
        }
        return "Other";
    }

    /** Installs the grouped option list in this command line and all its subcommands. */
    static void install(CommandLine cl) {
        OptionGroups renderer = new OptionGroups();
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, renderer);
        for (CommandLine sub : cl.getSubcommands().values()) {
            install(sub);
        }
    }

    @Override
    public String render(Help help) {
        Map<String, List<OptionSpec>> byGroup = new LinkedHashMap<>();
        for (String heading : GROUPS.keySet()) {
            byGroup.put(heading, new ArrayList<>());
        }
        byGroup.put("Other", new ArrayList<>());
        for (OptionSpec o : help.commandSpec().options()) {
            if (!o.hidden()) {
                byGroup.get(groupOf(o)).add(o);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<OptionSpec>> e : byGroup.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            sb.append(String.format("%n%s:%n", e.getKey()));
            sb.append(help.optionListExcludingGroups(e.getValue(), help.createDefaultLayout(),
                    help.createDefaultOptionSort(), help.createDefaultParamLabelRenderer()));
        }
        return sb.toString();
    }
}
