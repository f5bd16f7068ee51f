namespace Recommend.Ingest.Streams;

/// <summary>A handler cannot work on any entry now (not a fault of the entries): the batch is retried later and no attempt is counted.</summary>
public class RetryLaterException(string message) : Exception(message);
