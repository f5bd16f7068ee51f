extern alias IngestApp;

using System.Globalization;
using IngestApp::Recommend.Ingest.Import.Councils;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Semantic;

// Leave-one-out over known adoptions. For every adoption (practice P adopted by council C, both in the
// shipped data) the adoption is hidden, and C asks the generic question of P's primary service area:
// challenge = the area's name, priorities = [that area], council = C, everything else as served
// (default weights and diversity, hybrid text match, limit 10). A hit is P in C's top 10.
// "With the signal": every other adoption stays, so P is lifted when councils like C adopted it.
// "Without": no practice has any adopter, so the adoption part of the context score is 0 for all.
// Usage: dotnet run -c Release --project benchmarks/Adoption.Evaluation [-- REPO_ROOT]
var root = args.Length > 0 ? Path.GetFullPath(args[0]) : FindRepositoryRoot();
var catalogue = SeedCatalogue.LoadFolder(Path.Combine(root, "data", "catalogue", "practices"));
// The councils the app serves: the full UK list when ../shared/data holds it (as the ingest service
// loads it), laid over the 37 shipped examples.
var councils = CouncilCatalogue.LoadFolder(Path.Combine(root, "data", "councils")).Councils.ToList();
var ukList = Path.Combine(root, "..", "shared", "data", "councils", "uk_local_authorities.csv");
if (File.Exists(ukList))
{
    using var reader = File.OpenText(ukList);
    var full = MySocietyCouncilImporter.Import(reader).Councils;
    councils = [.. councils.Where(c => !full.Any(f => string.Equals(f.Code, c.Code, StringComparison.OrdinalIgnoreCase))).Concat(full)];
}

var byCode = councils.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
var similar = new SimilarCouncils(councils);

Console.Error.WriteLine($"{catalogue.Practices.Count} practices, {councils.Count} councils; embedding the catalogue with MiniLM...");
using var embedder = new MiniLmEmbedder();
var index = new PracticeIndexBuilder(embedder).Build(catalogue.Practices, "eval");
var ranker = new PracticeRanker();

var adoptions = index.Practices
    .SelectMany(p => p.Adopters.Where(a => a.CouncilCode is not null && byCode.ContainsKey(a.CouncilCode)).Select(a => (Practice: p, Adopter: a)))
    .ToList();
Console.Error.WriteLine($"{adoptions.Count} adoptions by listed councils");

var original = index.Practices.ToDictionary(p => p.Id, p => p.Adopters, StringComparer.Ordinal);
var withSignal = Evaluate(hideAll: false);
var withoutSignal = Evaluate(hideAll: true);

Console.WriteLine($"adoptions evaluated: {adoptions.Count}");
Console.WriteLine($"{"",-22} {"hit@10",8} {"MRR@10",8}");
Console.WriteLine($"{"with the signal",-22} {withSignal.HitRate,8:0.000} {withSignal.Mrr,8:0.000}");
Console.WriteLine($"{"without the signal",-22} {withoutSignal.HitRate,8:0.000} {withoutSignal.Mrr,8:0.000}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"adoptions\":{adoptions.Count},\"with\":{{\"hit@10\":{withSignal.HitRate:0.0000},\"mrr@10\":{withSignal.Mrr:0.0000}}},\"without\":{{\"hit@10\":{withoutSignal.HitRate:0.0000},\"mrr@10\":{withoutSignal.Mrr:0.0000}}}}}"));
return 0;

(double HitRate, double Mrr) Evaluate(bool hideAll)
{
    var hits = 0;
    var reciprocal = 0.0;
    foreach (var (practice, adopter) in adoptions)
    {
        // The ranker reads adopters from the practices in the index: set them for this trial, restore after.
        foreach (var p in index.Practices)
        {
            p.Adopters = hideAll ? [] : p == practice ? [.. original[p.Id].Where(a => a != adopter)] : original[p.Id];
        }

        var council = byCode[adopter.CouncilCode!];
        var area = practice.ServiceAreas[0];
        var request = NormalisedRequest.From(new RecommendationRequest
        {
            Challenge = area.Replace('_', ' '),
            Council = council.Code,
            Priorities = [new PriorityRequest(area)],
            Limit = 10,
        }) with { Council = council.Code };
        var response = ranker.Rank(index, request, ContextFor(council));
        var rank = response.Results.FindIndex(r => r.Practice.Id == practice.Id) + 1;
        if (rank > 0)
        {
            hits++;
            reciprocal += 1.0 / rank;
        }
    }

    foreach (var p in index.Practices)
    {
        p.Adopters = original[p.Id];
    }

    return ((double)hits / adoptions.Count, reciprocal / adoptions.Count);
}

CouncilRankingContext ContextFor(CouncilProfile council)
{
    // As the recommender's CouncilResolver does it for a listed council.
    var neighbours = similar.Nearest(council, ContextMatcher.LooseNeighbourRank);
    return new CouncilRankingContext(
        CouncilContext.From(council),
        neighbours.Select((n, i) => (n.Council.Code, Rank: i + 1)).ToDictionary(x => x.Code, x => x.Rank, StringComparer.OrdinalIgnoreCase),
        [.. neighbours.Take(5).Select(n => n.Council.Name)]);
}

static string FindRepositoryRoot()
{
    for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Recommend.sln")))
        {
            return folder.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run from inside the repository, or pass its root as the first argument.");
}
