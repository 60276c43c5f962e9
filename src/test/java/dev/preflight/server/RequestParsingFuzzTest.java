package dev.preflight.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.api.RulesListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code POST /v1/evaluations} under coverage-guided fuzzing, without a socket: a request's
 * content type, {@code Accept} header, {@code locale} and {@code all} parameters and content go
 * through what the service does with them ({@link Api.EvaluationAsk}, {@link RequestParsing}'s
 * JSON, zip and multipart parsing, {@link Api#answer}: the facts read or the collection imported,
 * evaluated, rendered). The contract: a report with a verdict, or a problem whose status is 4xx,
 * whose detail is one line and names no path of the server's; never an exception the service
 * would answer with 500.
 *
 * <p>An input is four lines and the content: {@code Content-Type}, {@code Accept}, {@code locale},
 * {@code all} (an empty line: not given), then the content's bytes. Seeds: the requests of the
 * service's tests (facts documents, a collection zip, forms), written by {@code dev.preflight.fuzz.Seeds}
 * into {@code RequestParsingFuzzTestInputs/}; findings land there too.
 */
class RequestParsingFuzzTest {

    /** Every language's evaluator, loaded once, as the service loads them. */
    private static final Evaluators EVALUATORS = Evaluators.load(ServerOptions.defaults(), new RulesListener() { });
    /** The folder of uploads, as the service's own. */
    private static final Path TMP = tmp();
    private static final Set<String> VERDICTS = Set.of("ELIGIBLE", "NOT_ELIGIBLE", "INCOMPLETE");

    /** A request as the fuzz input spells it. */
    record Ask(String contentType, String accept, String locale, String all, byte[] content) {

        static Ask of(byte[] input) {
            String[] fields = new String[4];
            int at = 0;
            for (int f = 0; f < fields.length && at < input.length; f++) {
                int end = at;
                while (end < input.length && input[end] != '\n') {
                    end++;
                }
                // Header values are ISO-8859-1 on the wire; query parameters are UTF-8 once decoded.
                String v = new String(input, at, end - at, f < 2 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                fields[f] = v.isEmpty() ? null : v;
                at = Math.min(end + 1, input.length);
            }
            return new Ask(fields[0], fields[1], fields[2], fields[3], Arrays.copyOfRange(input, at, input.length));
        }
    }

    @FuzzTest(maxDuration = "10s")
    void evaluation(byte[] input) throws IOException {
        Ask r = Ask.of(input);
        try {
            Api.EvaluationAsk ask = Api.EvaluationAsk.of(EVALUATORS, r.contentType(), r.accept(), r.locale(), r.all());
            Api.Answer answer = Api.answer(RequestParsing.evaluation(ask.contentType(), r.content()), ask, TMP, "fuzz");
            if (!VERDICTS.contains(answer.headers().get(Api.VERDICT_HEADER)) || answer.body().length == 0) {
                throw new AssertionError("a report without a verdict or a body: " + answer.headers());
            }
        } catch (RuntimeException | IOException e) {
            refusal(e, input);
        }
        try (var left = Files.list(TMP)) {
            if (left.findAny().isPresent()) {
                throw new AssertionError("an upload was left in the service's folder");
            }
        }
    }

    /**
     * A refusal must be the problem the service answers with a 4xx status, in one line naming no
     * server path: the service's folder in a detail is a finding unless the client sent that text
     * itself (a detail quotes the value it refuses; the fuzzer learns the folder's name from the
     * comparison below and writes it into a date, as in the kept input {@code crash-f72f8c09...}).
     */
    private static void refusal(Exception e, byte[] input) {
        Problem p = Api.problem(e);
        if (p.status() < 400 || p.status() >= 500) {
            throw new AssertionError("the service would answer " + p.status() + " (" + e + ")", e);
        }
        String detail = p.detail();
        if (detail == null || detail.isBlank() || detail.contains("\n") || detail.contains("\r")) {
            throw new AssertionError("a problem whose detail is not one line: " + detail, e);
        }
        if (detail.contains(TMP.toString()) && !sent(input, TMP.toString())) {
            throw new AssertionError("a problem that names the server's folder: " + detail, e);
        }
    }

    /** Whether {@code text} is in the request as the client sent it: as bytes (ASCII-compatible) or as UTF-16 at either alignment. */
    private static boolean sent(byte[] input, String text) {
        if (new String(input, StandardCharsets.ISO_8859_1).contains(text)) {
            return true;
        }
        for (int at = 0; at < 2 && at < input.length; at++) {
            for (java.nio.charset.Charset c : java.util.List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                if (new String(input, at, input.length - at, c).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Path tmp() {
        try {
            Path dir = Files.createTempDirectory("preflight-fuzz-service");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
