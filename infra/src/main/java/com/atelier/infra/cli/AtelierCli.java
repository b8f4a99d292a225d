package com.atelier.infra.cli;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/**
 * The {@code atelier} command line. Exit codes: 0 success, 1 refused or failed, 2 invalid
 * usage or input. Messages for people go to stderr; stdout carries only results.
 */
public final class AtelierCli {

	/** Success. */
	public static final int OK = 0;

	/** Refused (unknown tenant, duplicate, ...) or failed. */
	public static final int FAILED = 1;

	/** The command line or its input was invalid. */
	public static final int INVALID = 2;

	private final Supplier<CliContext> contexts;

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean terminal;

	private CliContext context;

	private boolean serving;

	public AtelierCli(Supplier<CliContext> contexts, PrintWriter out, PrintWriter err, boolean terminal) {
		this.contexts = contexts;
		this.out = out;
		this.err = err;
		this.terminal = terminal;
	}

	/** The CLI as {@code bin/atelier} runs it, on the real stdout and stderr. */
	public static AtelierCli standard() {
		return new AtelierCli(SpringCliContext::new, new PrintWriter(System.out, true),
				new PrintWriter(System.err, true), System.console() != null);
	}

	/**
	 * Runs one command line.
	 * @param args the arguments
	 * @return the exit code
	 */
	public int execute(String... args) {
		CommandLine commandLine = new CommandLine(new RootCommand(), new Factory());
		commandLine.setOut(this.out);
		commandLine.setErr(this.err);
		commandLine.setExecutionExceptionHandler(this::failed);
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		try {
			return commandLine.execute(args);
		}
		finally {
			this.out.flush();
			this.err.flush();
			if (!this.serving && this.context != null) {
				this.context.close();
				this.context = null;
			}
		}
	}

	/**
	 * Whether the last command started the server, which keeps running after it returns.
	 */
	public boolean serving() {
		return this.serving;
	}

	CliContext context() {
		if (this.context == null) {
			this.context = this.contexts.get();
		}
		return this.context;
	}

	<T> T bean(Class<T> type) {
		return context().bean(type);
	}

	PrintWriter out() {
		return this.out;
	}

	PrintWriter err() {
		return this.err;
	}

	boolean terminal() {
		return this.terminal;
	}

	void markServing() {
		this.serving = true;
	}

	private int failed(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
		if (ex instanceof ProblemException problem) {
			if (problem.type().equals(Problems.INVALID_REQUEST) && !problem.fieldProblems().isEmpty()) {
				this.err.println("error: invalid input");
				for (FieldProblem field : problem.fieldProblems()) {
					this.err.println("  --" + field.field() + ": " + field.message());
				}
				this.err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
				return INVALID;
			}
			this.err.println("error: " + problem.getMessage());
			return FAILED;
		}
		if (ex instanceof CliInputException) {
			this.err.println("error: " + ex.getMessage());
			this.err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
			return INVALID;
		}
		if (ex instanceof FileAlreadyExistsException exists) {
			this.err.println("error: " + exists.getFile() + " already exists; choose another file");
			return FAILED;
		}
		this.err.println("error: " + rootMessage(ex));
		if (System.getenv("ATELIER_DEBUG") != null) {
			ex.printStackTrace(this.err);
		}
		else {
			this.err.println("(set ATELIER_DEBUG=1 for the stack trace)");
		}
		return FAILED;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			if (root instanceof ProblemException) {
				break;
			}
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message != null && !message.isBlank()) ? message.strip() : root.getClass().getName();
	}

	/** Gives every command class this CLI. */
	private final class Factory implements IFactory {

		private final IFactory fallback = CommandLine.defaultFactory();

		@Override
		public <K> K create(Class<K> type) throws Exception {
			try {
				var constructor = type.getDeclaredConstructor(AtelierCli.class);
				constructor.setAccessible(true);
				return constructor.newInstance(AtelierCli.this);
			}
			catch (NoSuchMethodException ex) {
				return this.fallback.create(type);
			}
		}

	}

}
