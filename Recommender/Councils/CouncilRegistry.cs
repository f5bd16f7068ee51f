using Recommend.Core.Councils;

namespace Recommend.Recommender.Councils;

/// <summary>
/// The councils this recommender knows, swapped atomically as a whole. Starts from the example
/// councils shipped with the build, so lookups work before (or without) Redis; <see cref="CouncilLoader"/>
/// then lays the stored list over them. Reading <see cref="Current"/> never waits on anything.
/// </summary>
public sealed partial class CouncilRegistry
{
    private readonly IReadOnlyList<CouncilProfile> _examples;
    private CouncilSnapshot _current;

    public CouncilRegistry(string examplesFolder, ILogger<CouncilRegistry> logger)
    {
        _examples = LoadExamples(examplesFolder, logger);
        _current = Build(_examples);
        LogStarted(logger, _examples.Count, examplesFolder);
    }

    public CouncilSnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// Makes the examples overlaid by <paramref name="stored"/> current (a stored profile replaces the
    /// example with the same code), so a store that lost some councils never makes examples disappear.
    /// </summary>
    public CouncilSnapshot Replace(IEnumerable<CouncilProfile> stored)
    {
        var byCode = new Dictionary<string, CouncilProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var council in _examples.Concat(stored))
        {
            byCode[council.Code] = council;
        }

        var snapshot = Build(byCode.Values);
        Volatile.Write(ref _current, snapshot);
        return snapshot;
    }

    private static CouncilSnapshot Build(IEnumerable<CouncilProfile> councils)
    {
        var list = councils.ToList();
        return new CouncilSnapshot(new CouncilDirectory(list), new SimilarCouncils(list));
    }

    private static IReadOnlyList<CouncilProfile> LoadExamples(string folder, ILogger logger)
    {
        try
        {
            var loaded = CouncilCatalogue.LoadFolder(folder);
            foreach (var reject in loaded.Rejects)
            {
                LogExampleRejected(logger, reject);
            }

            return loaded.Councils;
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            // Not fatal: the list from Redis still arrives; until then council lookups answer 404.
            LogExamplesMissing(logger, folder, ex.Message);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Council registry starts with {Count} example councils from {Folder}")]
    private static partial void LogStarted(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Example council rejected: {Reason}")]
    private static partial void LogExampleRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Example councils could not be read from {Folder}: {Reason}")]
    private static partial void LogExamplesMissing(ILogger logger, string folder, string reason);
}
