package io.porter.imports;

import io.porter.texts.Text;
import java.util.List;
import java.util.Locale;

/** Options or a mapping that cannot run, with every problem found. */
public class PlanRejectedException extends ImportRejectedException {

    private final List<Text> problems;

    public PlanRejectedException(List<Text> problems) {
        super(String.join("; ", problems.stream().map(Text::english).toList()));
        this.problems = List.copyOf(problems);
    }

    @Override
    public java.util.Map<String, Object> details() {
        return java.util.Map.of("problems", problems(Locale.ENGLISH));
    }

    public List<String> problems(Locale locale) {
        return problems.stream().map(p -> p.in(locale)).toList();
    }
}
