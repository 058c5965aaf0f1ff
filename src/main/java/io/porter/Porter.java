package io.porter;

import io.porter.cli.PorterCommand;
import picocli.CommandLine;

/** Entry point of the one jar: the command line decides whether to serve or run a task. */
public final class Porter {

    private Porter() {
    }

    public static void main(String[] args) {
        int code = PorterCommand.commandLine().execute(args);
        if (code != 0 || !PorterCommand.isServing()) {
            System.exit(code);
        }
    }
}
