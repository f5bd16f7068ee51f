using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recommend.Contracts.EvidenceGaps;
using Recommend.Contracts.Practices;
using Recommend.ServiceDefaults.Councils.Adoptions;
using Recommend.Ingest.Cli.Gaps;
using Recommend.Ingest.Training;
using StackExchange.Redis;

namespace Recommend.Ingest.Cli;

/// <summary>
/// gaps: the evidence-gap map for reports. Computes the same map as GET /api/v1/evidence-gaps
/// (<see cref="EvidenceGapMap"/>) over the council list the app would load and the catalogue, and
/// writes gaps.csv and a heat map, gaps.png. With --redis it reads what a running app holds: the
/// current version's practices and the councils' "adopted" feedback.
/// </summary>
public static class GapsCommand
{
    public const string Name = "gaps";

    public static Command Create()
    {
        var outFolder = new Option<string>("--out") { HelpName = "DIR", Description = "folder for gaps.csv and gaps.png (made if missing)", Required = true };
        var councils = CliOptions.ExistingFile(
            "--councils",
            "mySociety's uk_local_authorities.csv or a councils JSON file [default: the full UK list in ../shared/data beside the repository, else the shipped example councils]",
            required: false);
        var catalogueFolder = new Option<string>("--catalogue")
        {
            HelpName = "DIR",
            Description = "catalogue to map when Redis holds none [default: the shipped seed catalogue, catalogue/practices/ beside the program]",
        };
        var area = new Option<string>("--area") { HelpName = "AREA", Description = "one service area [default: all 14]" };
        area.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!ServiceArea.IsKnown(ServiceArea.Normalise(value)))
            {
                result.AddError($"--area: unknown service area '{value}'; one of: {string.Join(", ", ServiceArea.All)}.");
            }
        });
        var redis = RedisCli.CreateOption("the running app's Redis, for its current catalogue and the councils' \"adopted\" feedback; without it the catalogue folder and its own adopters");
        var command = new Command(Name, "Write the evidence-gap map (per service area and kind of place: councils, residents, level 3+ practices with evidence from a similar place) as gaps.csv and a heat map gaps.png. Exit 1 when the councils or the catalogue cannot be read or the files cannot be written, 2 on a usage mistake or when Redis is unreachable.")
        {
            outFolder, councils, catalogueFolder, area, redis,
        };
        return command.WithAction(async (parseResult, output, error, cancellationToken) =>
        {
            var connection = RedisCli.Resolve(parseResult, redis, out var problem);
            if (problem is not null)
            {
                return CliUsage.Fail(parseResult, error, problem);
            }

            var folder = parseResult.GetValue(catalogueFolder) ?? SeedCatalogue.DefaultFolder;
            if (!Directory.Exists(folder))
            {
                return CliUsage.Fail(parseResult, error, $"--catalogue: folder '{Path.GetFullPath(folder)}' does not exist.");
            }

            var outPath = parseResult.GetRequiredValue(outFolder);
            if (File.Exists(outPath))
            {
                return CliUsage.Fail(parseResult, error, $"--out: '{Path.GetFullPath(outPath)}' is a file; name a folder.");
            }

            var areas = parseResult.GetValue(area) is { } one ? [ServiceArea.Normalise(one)] : ServiceArea.All;
            var request = new Request(outPath, parseResult.GetValue(councils), folder, areas, connection);
            return await RunAsync(parseResult, request, output, error, cancellationToken);
        });
    }

    /// <summary>Runs the command as the program does (parsing included), writing to the given writers.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        IngestCli.RunAsync([Name, .. args], output, error, cancellationToken);

    private sealed record Request(string OutFolder, string? CouncilsFile, string CatalogueFolder, IReadOnlyList<string> Areas, ConfigurationOptions? Connection);

    private static async Task<int> RunAsync(ParseResult parseResult, Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IReadOnlyList<Contracts.Councils.CouncilProfile> councils;
        string councilsFrom;
        try
        {
            (councils, councilsFrom) = EvaluationCouncils.Load(request.CouncilsFile);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"gaps: cannot read the councils from '{request.CouncilsFile}': {ex.Message}");
            return 1;
        }

        if (councils.Count == 0)
        {
            await error.WriteLineAsync($"gaps: no council could be read from {councilsFrom}; nothing written.");
            return 1;
        }

        IReadOnlyList<Practice> practices;
        string practicesFrom;
        var feedback = new List<ReportedAdoption>();
        if (request.Connection is null)
        {
            (practices, practicesFrom) = await CatalogueSource.LoadAsync(null, request.CatalogueFolder, cancellationToken);
        }
        else
        {
            await using var redis = await RedisCli.ConnectOrReportAsync(parseResult, request.Connection, error);
            if (redis is null)
            {
                return CliUsage.ExitCode;
            }

            var db = redis.GetDatabase();
            (practices, practicesFrom) = await CatalogueSource.LoadAsync(db, request.CatalogueFolder, cancellationToken);
            feedback.AddRange(ReportedAdoption.FromReports(await new AdoptionReportStore(redis).ReadAllAsync()));
        }

        if (practices.Count == 0)
        {
            await error.WriteLineAsync($"gaps: no practice could be read from {practicesFrom}; nothing written.");
            return 1;
        }

        var evidence = practices.Select(EvidencePractice.From).ToList();
        var report = EvidenceGapMap.Build(councils, evidence, ReportedAdoption.FromCatalogue(evidence).Concat(feedback), request.Areas);
        await output.WriteLineAsync($"gaps: {councils.Count} councils from {councilsFrom}; {practices.Count} practices from {practicesFrom}; {feedback.Count} adoptions reported by councils");
        await WriteSummaryAsync(report, output);

        try
        {
            Directory.CreateDirectory(request.OutFolder);
            var csvPath = Path.Combine(request.OutFolder, GapsCsv.FileName);
            await using (var writer = new StreamWriter(csvPath))
            {
                GapsCsv.Write(report, writer);
            }

            var pngPath = Path.Combine(request.OutFolder, GapsHeatMap.FileName);
            GapsHeatMap.Write(report, pngPath);
            await output.WriteLineAsync($"wrote {csvPath} and {pngPath}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"gaps: cannot write to '{Path.GetFullPath(request.OutFolder)}': {ex.Message}");
            return 1;
        }

        return 0;
    }

    /// <summary>The headline per area, as docs/evidence.md quotes it.</summary>
    private static async Task WriteSummaryAsync(EvidenceGapReport report, TextWriter output)
    {
        await output.WriteLineAsync("| service area | counted at | councils | residents | level 3+ practices | with a stated context | residents without similar evidence | of which: nation-level evidence, context not stated | of which: no evidence from their nation |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|");
        foreach (var area in report.Areas)
        {
            var tier = area.RunBy.StartsWith("the county", StringComparison.Ordinal) ? "county" : "district";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| `{area.Area}` | {tier} | {area.Councils} | {area.Residents:N0} | {area.PracticesAtLevel} | {area.PracticesWithStatedContext} | {area.ShareWithoutSimilarEvidence:P1} | {area.ShareWithNationEvidenceOnly:P1} | {area.ShareWithoutUkEvidence:P1} |"));
        }
    }
}
