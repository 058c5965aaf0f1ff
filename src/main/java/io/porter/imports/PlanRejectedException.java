package io.porter.imports;

import java.util.List;

/** Options or a mapping that cannot run, with every problem found. */
public class PlanRejectedException extends ImportRejectedException {

    private final List<String> problems;

    public PlanRejectedException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    @Override
    public java.util.Map<String, Object> details() {
        return java.util.Map.of("problems", problems);
    }

    public List<String> problems() {
        return problems;
    }
}
