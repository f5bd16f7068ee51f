namespace Recommend.Ingest.Cli;

/// <summary>Thrown for a mistake in the command line: printed as a message with exit code 2, never a stack trace.</summary>
public sealed class CliUsageException(string message) : Exception(message);
