using Recommend.Ingest.Streams;

namespace Recommend.Ingest.Submissions;

/// <summary>There is no current index to add to yet (ingest is still publishing the seed catalogue).</summary>
public sealed class IndexNotPublishedException(string message) : RetryLaterException(message);
