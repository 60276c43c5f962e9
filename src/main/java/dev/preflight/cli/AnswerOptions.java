package dev.preflight.cli;

import dev.preflight.collection.Answers;
import dev.preflight.api.InvalidFactsException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What a person states about a collection on the command line: an answers file and single values. */
final class AnswerOptions {

    @Option(names = "--answers", paramLabel = "FILE", description = "Answers (the format of answers.json) laid over the collection's own answers.json.")
    Path answersFile;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = {"One answer, such as passwordReset.selfServiceScope=Selected or",
        "users[pwtest@contoso.com].purpose=[\"testUser\"] (VALUE is JSON, or else text); repeatable, wins over --answers."})
    List<String> assignments = new ArrayList<>();

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
            } catch (IllegalArgumentException e) {
                throw new InvalidFactsException("--set", "", 0, 0, e.getMessage());
            }
        }
        return assignments.isEmpty() ? a : a.validated("--set");
    }
}
