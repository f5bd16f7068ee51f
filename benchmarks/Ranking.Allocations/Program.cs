using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Hybrid;
using Recommend.Matching.Text.Semantic;

// Uncached rankings of the shipped catalogue as the recommender makes them after its query embedder:
// PracticeRanker.Rank with the challenge's vector already made, for the 178 judged challenges of
// data/judgments/queries.jsonl, each with its council when it is one of the shipped example councils
// (else the examples in turn, so every request has a council and its neighbours). Single-threaded,
// so GC.GetAllocatedBytesForCurrentThread counts exactly what ranking allocates; MiniLM is left out
// because its cost does not depend on the ranking code. Usage:
//   dotnet run -c Release --project benchmarks/Ranking.Allocations -- [--cache DIR] [--passes N]
string? Value(string name) => Array.IndexOf(args, "--" + name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
var root = FindRoot() ?? throw new InvalidOperationException("Run from inside the repository.");
var cacheDirectory = Value("cache") ?? Path.Combine(root, ".data", "embeddings");
var passes = int.Parse(Value("passes") ?? "5", CultureInfo.InvariantCulture);

var practices = SeedCatalogue.LoadFolder(Path.Combine(root, "data", "catalogue", "practices")).Practices;
var councils = CouncilCatalogue.LoadFile(Path.Combine(root, "data", "councils", "examples.json")).Councils;
using var embedder = new MiniLmEmbedder(new MiniLmOptions { IntraOpThreads = 1 });
var index = BuildIndex(practices, embedder, cacheDirectory);
var similar = new SimilarCouncils(councils);
var contexts = councils.ToDictionary(c => c.Code, c =>
{
    var neighbours = similar.Nearest(c, ContextMatcher.LooseNeighbourRank);
    return new CouncilRankingContext(
        CouncilContext.From(c),
        neighbours.Select((n, i) => (n.Council.Code, Rank: i + 1)).ToDictionary(x => x.Code, x => x.Rank, StringComparer.OrdinalIgnoreCase),
        [.. neighbours.Take(5).Select(n => n.Council.Name)]);
}, StringComparer.OrdinalIgnoreCase);

var requests = new List<(NormalisedRequest Request, CouncilRankingContext Council, float[] Vector)>();
foreach (var line in File.ReadLines(Path.Combine(root, "data", "judgments", "queries.jsonl")).Where(l => l.Length > 0))
{
    using var query = JsonDocument.Parse(line);
    var q = query.RootElement;
    var code = q.TryGetProperty("council", out var c) && c.GetString() is { } named && contexts.ContainsKey(named)
        ? named
        : councils[requests.Count % councils.Count].Code;
    var request = new RecommendationRequest
    {
        Challenge = q.GetProperty("challenge").GetString()!,
        Council = code,
        Priorities = q.TryGetProperty("priorities", out var p) ? [.. p.EnumerateArray().Select(a => new PriorityRequest(a.GetString()!))] : null,
    };
    var normalised = NormalisedRequest.From(request) with { Council = contexts[code].Council.Code };
    requests.Add((normalised, contexts[code], embedder.EmbedQuestion(normalised.Challenge)));
}

var ranker = new PracticeRanker();
var shown = 0;
for (var pass = 0; pass < 2; pass++)
{
    shown = 0;
    foreach (var (request, council, vector) in requests)
    {
        var answer = ranker.Rank(index, request, council, questionVector: vector);
        shown += answer.Results.Count + answer.Related.Count;
    }
}

var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
var passMicros = new List<double>();
long allocated = 0;
for (var pass = 0; pass < passes; pass++)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var before = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    foreach (var (request, council, vector) in requests)
    {
        ranker.Rank(index, request, council, questionVector: vector);
    }

    passMicros.Add(clock.Elapsed.TotalMicroseconds / requests.Count);
    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
}

var loadAfter = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
passMicros.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{practices.Count:N0} practices, {requests.Count} judged challenges x {councils.Count} example councils, {shown / (double)requests.Count:0.0} results and related shown per answer"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"allocated per ranking: {allocated / (double)(passes * requests.Count) / 1000:0.0} kB (mean of {passes} passes)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"time per ranking, MiniLM excluded: {passMicros[passMicros.Count / 2] / 1000:0.000} ms median pass, {passMicros[0] / 1000:0.000} ms fastest, {passMicros[^1] / 1000:0.000} ms slowest"));
Console.WriteLine($"load average {load} before timing, {loadAfter} after");
return 0;

// The vectors ingest makes (PracticeEmbedding: the practice's text blended with its problems'), from
// the same embedding cache as eval --mode usefulness (Ingest/Cli/Eval/UsefulnessEvalRun.cs).
static PracticeIndex BuildIndex(IReadOnlyList<Practice> practices, MiniLmEmbedder embedder, string cacheDirectory)
{
    var ordered = practices.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
    var own = EmbeddingCache.LoadOrBuild([.. ordered.Select(p => new TextDocument(p.Id, PracticeEmbedding.PracticeText(p), ""))], embedder, cacheDirectory, Console.Error);
    var withProblems = ordered.Where(p => PracticeEmbedding.ProblemsText(p) is not null).ToList();
    var problems = withProblems.Count == 0
        ? null
        : EmbeddingCache.LoadOrBuild([.. withProblems.Select(p => new TextDocument(p.Id, PracticeEmbedding.ProblemsText(p)!, ""))], embedder, cacheDirectory, Console.Error);
    return new PracticeIndexBuilder(embedder).Build(
        practices,
        "allocations",
        p => PracticeEmbedding.Blend(own.GetVector(p.Id).ToArray(), problems is not null && problems.Contains(p.Id) ? problems.GetVector(p.Id).ToArray() : null),
        embedded: null,
        CancellationToken.None);
}

static string? FindRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Recommend.sln")))
        {
            return dir.FullName;
        }
    }

    return null;
}
