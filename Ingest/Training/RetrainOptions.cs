namespace Recommend.Ingest.Training;

/// <summary>What <c>retrain</c> was asked to do.</summary>
/// <param name="JudgmentsFolder">Folder with queries.jsonl and qrels.tsv.</param>
/// <param name="CatalogueFolder">Catalogue to refit on when Redis holds no practices.</param>
/// <param name="ReportFolder">Where report.md and the chart go.</param>
/// <param name="UseFeedback">Read feedback counts from Redis into the features.</param>
/// <param name="Publish">Make the new version current when it is not worse.</param>
/// <param name="Force">Publish even when it is worse.</param>
/// <param name="Keep">Versions kept when pruning after storing.</param>
/// <param name="Command">The command line, recorded in the version's card.</param>
public sealed record RetrainOptions(
    string JudgmentsFolder,
    string CatalogueFolder,
    string? ReportFolder,
    bool UseFeedback,
    bool Publish,
    bool Force,
    int Keep,
    string Command);
