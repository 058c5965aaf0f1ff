package io.porter.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request with several problems, all reported at once so a client can fix them in one go (a batch of
 * events names each bad item by its index). Nothing of such a request is applied.
 */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidRequestException(String summary, List<Problem> problems) {
        super(summary + ": " + problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
