package dev.preflight.cli;

import dev.preflight.collection.Answers;
import dev.preflight.api.InvalidFactsException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What a person states about a collection on the command line: an answers file and single values. */
final class AnswerOptions {

    @Option(names = "--answers", paramLabel = "FILE", description = "Answers (the format of answers.json) laid over the collection's own answers.json.")
    Path answersFile;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "One answer, such as passwordReset.selfServiceScope=Selected or "
            + "users[upn=pwtest@contoso.com].purpose=testUser,writebackAdmin (a list as comma-separated "
            + "words; PATH as facts.md names it, checked); repeatable, wins over --answers.")
    List<String> assignments = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** A usage error of the command these options belong to (exit 64). */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The answers given, checked as a partial facts document. */
    Answers answers() {
        Answers a = Answers.none();
        if (answersFile != null) {
            try {
                a = Answers.read(answersFile);
            } catch (NoSuchFileException e) {
                throw new InputFileException(answersFile + ": no such file");
            } catch (IOException e) {
                throw new InputFileException(answersFile + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        for (String s : assignments) {
            try {
                a = a.with(s);
            } catch (Answers.PathException e) {
                throw usage(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new InvalidFactsException("--set", "", 0, 0, e.getMessage());
            }
        }
        return assignments.isEmpty() ? a : a.validated("--set");
    }
}
