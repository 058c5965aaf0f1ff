package io.porter.cli;

import io.porter.api.ApiException;
import io.porter.values.InvalidValueException;
import picocli.CommandLine;

/** A task's refusal is a one-line message and exit code 2; anything else is Porter's fault and shows its trace. */
class TaskErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof ApiException) && !(root instanceof InvalidValueException)) {
            root = root.getCause();
        }
        if (root instanceof ApiException || root instanceof InvalidValueException) {
            cl.getErr().println("porter: " + root.getMessage());
            return 2;
        }
        cl.getErr().println("porter: failed: " + e);
        e.printStackTrace(cl.getErr());
        return 1;
    }
}
