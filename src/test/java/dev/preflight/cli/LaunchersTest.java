package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two launchers of the distribution give each command the same JVM options. cmd.exe cannot run
 * here, so bin/preflight.cmd is read: its defaults, the commands that jump to the throughput
 * settings, and the options of the user's that replace the launcher's. The shell launcher is run
 * (with a stand-in java that does nothing) and its command line read from its debug output.
 */
class LaunchersTest {

    static final Path SH = Path.of("src/dist/bin/preflight");
    static final Path CMD = Path.of("src/dist/bin/preflight.cmd");
    static final List<String> COMMANDS = List.of("evaluate", "import", "report", "diff", "rules", "batch", "generate", "serve", "--version", "--help");

    @TempDir
    Path tmp;

    /** The JVM options bin/preflight.cmd gives a command (compiler, collector), read from the script. */
    static List<String> cmdOptions(String script, String command) {
        Map<String, String> vars = new LinkedHashMap<>();
        Pattern set = Pattern.compile("^set \"PF_(COMPILER|COLLECTOR)=([^\"]*)\"$");
        Pattern jump = Pattern.compile("^if \"%~1\"==\"([^\"]+)\" goto (\\w+)$");
        List<String> lines = script.lines().map(String::strip).toList();
        int i = lines.indexOf("set \"PF_PROFILE=one-shot\"");
        assertTrue(i >= 0, "the one-shot defaults");
        String target = null;
        for (; !lines.get(i).startsWith("goto "); i++) {
            Matcher m = set.matcher(lines.get(i));
            if (m.matches()) {
                vars.put(m.group(1), m.group(2));
            }
            Matcher j = jump.matcher(lines.get(i));
            if (j.matches() && j.group(1).equals(command)) {
                target = j.group(2);
            }
        }
        if (target != null) {
            for (i = lines.indexOf(":" + target) + 1; !lines.get(i).startsWith(":"); i++) {
                Matcher m = set.matcher(lines.get(i));
                if (m.matches()) {
                    vars.put(m.group(1), m.group(2));
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String v : List.of(vars.getOrDefault("COMPILER", ""), vars.getOrDefault("COLLECTOR", ""))) {
            if (!v.isEmpty()) {
                out.addAll(List.of(v.split(" ")));
            }
        }
        return out;
    }

    /** The JVM options bin/preflight puts before -jar for a command, the class-data ones left out. */
    List<String> shOptions(String command) throws IOException, InterruptedException {
        Path dist = tmp.resolve("dist");
        if (!Files.exists(dist)) {
            Files.createDirectories(dist.resolve("bin"));
            Files.createDirectories(dist.resolve("lib"));
            Files.createFile(dist.resolve("lib/preflight.jar"));
            Files.copy(SH, dist.resolve("bin/preflight"));
            dist.resolve("bin/preflight").toFile().setExecutable(true);
            Path java = Files.createDirectories(dist.resolve("java/bin")).resolve("java");
            Files.writeString(java, "#!/bin/sh\nexit 0\n");
            java.toFile().setExecutable(true);
            Files.writeString(dist.resolve("java/release"), "JAVA_VERSION=\"17.0.1\"\n");
        }
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/preflight").toString(), command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeAll(List.of("JAVA_OPTS", "PREFLIGHT_OPTS"));
        pb.environment().put("JAVA_HOME", dist.resolve("java").toString());
        pb.environment().put("PREFLIGHT_LAUNCHER_DEBUG", "1");
        pb.environment().put("PREFLIGHT_CDS", "off");
        Process p = pb.start();
        // A guard against a hung script, not a timing: under a loaded CI machine a dozen forks of a
        // shell at the lowest priority took over 30 seconds.
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "bin/preflight " + command + " finished");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("exec '[^']*'((?: '[^']*')*?) '-jar'").matcher(err);
        assertTrue(m.find(), err);
        List<String> out = new ArrayList<>();
        Matcher arg = Pattern.compile("'([^']*)'").matcher(m.group(1));
        while (arg.find()) {
            out.add(arg.group(1));
        }
        return out;
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void bothLaunchersGiveEachCommandTheSameJvmOptions() throws Exception {
        String cmd = Files.readString(CMD);
        for (String command : COMMANDS) {
            List<String> sh = shOptions(command);
            assertEquals(sh, cmdOptions(cmd, command), command);
        }
        List<String> throughput = List.of("-XX:InlineSmallCode=500", "-XX:+UseParallelGC", "-XX:-UseAdaptiveSizePolicy");
        assertEquals(throughput, cmdOptions(cmd, "batch"));
        assertEquals(throughput, cmdOptions(cmd, "serve"), "a service runs for days: C2 pays");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), cmdOptions(cmd, "evaluate"));
    }

    /** The options of the user's that replace the launcher's choice, per kind, as each script lists them. */
    @Test
    void bothLaunchersLetTheSameUserOptionsReplaceTheirChoice() throws IOException {
        String sh = Files.readString(SH);
        String cmd = Files.readString(CMD);
        Map<String, String> shVar = Map.of("collector", "collector= ;;", "compiler", "compiler= ;;", "cds", "cds=user ;;");
        Map<String, String> cmdVar = Map.of("collector", "set \"PF_COLLECTOR=\"", "compiler", "set \"PF_COMPILER=\"", "cds", "set \"PF_CDS=user\"");
        for (String kind : List.of("collector", "compiler", "cds")) {
            Matcher s = Pattern.compile("\\n\\s*([^\\n)]+)\\) " + Pattern.quote(shVar.get(kind))).matcher(sh);
            assertTrue(s.find(), kind);
            List<String> shList = List.of(s.group(1).replace("=*", "").split("\\|"));
            Matcher c = Pattern.compile("for %%O in \\(([^)]*)\\) do \\(\\s*\\n\\s*if not \"!PF_USER_OPTS:%%O=!\"==\"!PF_USER_OPTS!\" " + Pattern.quote(cmdVar.get(kind))).matcher(cmd);
            assertTrue(c.find(), kind);
            List<String> cmdList = List.of(c.group(1).replace("=", "").split(" "));
            assertEquals(shList.stream().map(o -> o.endsWith(":*") ? o.substring(0, o.length() - 1) : o).toList(), cmdList, kind);
        }
        // The class-data archive: the same options to use it and to make it, made only by evaluate.
        for (String option : List.of("-XX:SharedArchiveFile=", "-Xshare:auto", "-Xlog:cds*=off", "-XX:ArchiveClassesAtExit=")) {
            assertTrue(sh.contains(option) && cmd.contains(option), option);
        }
        assertTrue(sh.contains("[ \"$1\" = evaluate ]"), "sh: only evaluate makes the archive");
        assertTrue(cmd.contains("if not \"%~1\"==\"evaluate\" goto cds_chosen"), "cmd: only evaluate makes the archive");
        assertTrue(cmd.contains("%LOCALAPPDATA%\\preflight"), "cmd: the archive in %LOCALAPPDATA%");
        assertTrue(sh.contains("$XDG_CACHE_HOME/preflight") && sh.contains("/.cache/preflight"), "sh: in $XDG_CACHE_HOME or ~/.cache");
        assertTrue(cmd.contains("exit /b 127") && sh.contains("exit 127"), "127 without a usable Java");
    }
}
