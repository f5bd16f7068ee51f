using Recommend.Contracts.Councils;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Semantic;
using Recommend.TestSupport.Data;

namespace Recommend.Matching.Tests.Ranking;

/// <summary>The shipped catalogue indexed as the app does it (BM25 + MiniLM) and the shipped example councils.</summary>
public sealed class SeedIndexFixture : IDisposable
{
    private readonly MiniLmEmbedder _embedder = new();

    public SeedIndexFixture() => Index = new PracticeIndexBuilder(_embedder).Build(SeedData.Practices, "test");

    public PracticeIndex Index { get; }

    public void Dispose() => _embedder.Dispose();

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
