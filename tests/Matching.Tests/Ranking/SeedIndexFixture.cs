using Recommend.Contracts.Councils;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Semantic;
using Recommend.TestSupport.Data;

namespace Recommend.Matching.Tests.Ranking;

/// <summary>
/// The shipped catalogue indexed as the app does it (BM25 + MiniLM) and the shipped example councils.
/// The index is built once per test process and shared by every class that uses this fixture: embedding
/// the 1,541 practices costs one to two minutes on 2 cores, and it was paid again for each of eight
/// classes. Sharing is safe because an index is immutable (new versions are new instances) and ranking
/// it, MiniLM included, is thread-safe, as the recommender relies on when it serves concurrent requests.
/// </summary>
public sealed class SeedIndexFixture
{
    private static readonly Lazy<PracticeIndex> Shared = new(
        () => new PracticeIndexBuilder(new MiniLmEmbedder()).Build(SeedData.Practices, "test"),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public PracticeIndex Index { get; } = Shared.Value;

    public IReadOnlyList<CouncilProfile> Councils { get; } = CouncilCatalogue.LoadFolder(RepoPaths.InRepo("data", "councils")).Councils;

    public PracticeRanker Ranker { get; } = new();

    public CouncilRankingContext ContextFor(string code)
    {
        var council = Councils.Single(c => c.Code == code);
        var neighbours = new SimilarCouncils(Councils).Nearest(council, ContextMatcher.LooseNeighbourRank);
        return new CouncilRankingContext(
            CouncilContext.From(council),
            neighbours.Select((n, i) => (n.Council.Code, i + 1)).ToDictionary(x => x.Code, x => x.Item2),
            [.. neighbours.Take(5).Select(n => n.Council.Name)]);
    }

    public RecommendationResponse Rank(RecommendationRequest request, string? council = null) =>
        Ranker.Rank(Index, NormalisedRequest.From(request) with { Council = council }, council is null ? null : ContextFor(council));
}
