using System.Text.Json;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Reported;
using Recommend.TestSupport.Data;

namespace Recommend.Matching.Tests.Ranking;

/// <summary>
/// Ranking reads the context match's figures for every candidate (<see cref="ContextScorer"/>) and writes
/// its words only for the practices an answer shows (<see cref="ContextMatcher.Match"/>). Both must give
/// the same figures to the last bit, or a shown result's explanation would not be what it was ranked by.
/// </summary>
public sealed class ContextScoreTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    private static readonly string[] Codes = ["NFK", "HAT", "CON", "MAN", "TWH", "HCK", "GLG", "ELS", "CRF", "BFS", "GMCA"];

    private static double WeightOf(string field) => field switch
    {
        "nation" => ContextMatcher.NationWeight,
        "governance_type" => ContextMatcher.GovernanceWeight,
        "rural_urban" => ContextMatcher.RuralWeight,
        "deprivation" => ContextMatcher.DeprivationWeight,
        "population" => ContextMatcher.PopulationWeight,
        _ => throw new ArgumentException($"unknown field {field}", nameof(field)),
    };

    [Fact]
    public void FiguresEqualTheFullMatchForEveryPracticeAndCouncil()
    {
        var compared = 0;
        var withAdopters = 0;
        foreach (var council in seed.Councils.Select(c => seed.ContextFor(c.Code)).Concat(PartialCouncils()))
        {
            var byRank = council.Neighbours.OrderBy(n => n.Value).Select(n => n.Key).ToList();
            for (var p = 0; p < SeedData.Practices.Count; p++)
            {
                var practice = SeedData.Practices[p];
                // Councils' own reports, overlapping the catalogue's adopters and each other in every way
                // the full match de-duplicates: other case, repeated, this council, near, loose and far.
                List<ReportedAdopter> reported = p % 3 == 0 ? [] :
                [
                    .. practice.Adopters.Where(a => a.CouncilCode is not null).Take(2).Select(a => new ReportedAdopter(a.CouncilCode!.ToLowerInvariant(), a.CouncilName, "adopted", null)),
                    .. byRank.Take(1).Select(code => new ReportedAdopter(code, code, "piloted", "2024-01")),
                    .. byRank.Take(1).Select(code => new ReportedAdopter(code.ToLowerInvariant(), code, "scaled", null)),
                    .. byRank.Skip(p % 29).Take(1).Select(code => new ReportedAdopter(code, code, "adopted", null)),
                    .. (p % 5 == 0 && council.Council.Code is { } own ? [new ReportedAdopter(own, own, "adopted", null)] : Array.Empty<ReportedAdopter>()),
                    new ReportedAdopter("ZZZ", "Far away", "adopted", null),
                ];

                var full = ContextMatcher.Match(council.Council, practice, council.Neighbours, reported);
                var figures = ContextScorer.Score(council.Council, practice, council.Neighbours, reported);

                // The fields a result shows add up, weight by weight in their order, to the figures it was ranked by.
                var known = full.Fields.Where(f => f.Verdict != ContextMatcher.Verdicts.Unknown).ToList();
                var knownWeight = known.Sum(f => WeightOf(f.Field));
                var comparableWeight = full.Fields.Sum(f => WeightOf(f.Field));
                var coverage = comparableWeight > 0 ? knownWeight / comparableWeight : 0;
                var closeness = knownWeight > 0 ? known.Sum(f => f.Similarity * WeightOf(f.Field)) / knownWeight : 1;
                Assert.Equal(BitConverter.DoubleToInt64Bits(coverage), BitConverter.DoubleToInt64Bits(figures.Coverage));
                Assert.Equal(BitConverter.DoubleToInt64Bits(closeness), BitConverter.DoubleToInt64Bits(figures.Closeness));
                Assert.Equal(BitConverter.DoubleToInt64Bits(full.Score), BitConverter.DoubleToInt64Bits(figures.Score));
                Assert.Equal(full.SimilarAdopters.Count, figures.SimilarAdopters);
                Assert.Equal(full.WeakForThisContext, figures.WeakForThisContext);
                compared++;
                withAdopters += full.SimilarAdopters.Count > 0 ? 1 : 0;
            }
        }

        Assert.True(compared > 50_000, $"compared {compared}");
        Assert.True(withAdopters > 1_000, $"only {withAdopters} with similar adopters");
    }

    [Fact]
    public void NoCouncilGivesTheFiguresOfNoMatch()
    {
        Assert.Equal(ContextMatch.None.Score, ContextScore.None.Score);
        Assert.Equal(ContextMatch.None.Coverage, ContextScore.None.Coverage);
        Assert.Equal(ContextMatch.None.Closeness, ContextScore.None.Closeness);
        Assert.Equal(ContextMatch.None.SimilarAdopters.Count, ContextScore.None.SimilarAdopters);
    }

    [Fact]
    public void ShownResultsCarryTheFullMatchOfTheirPractice()
    {
        string[] challenges =
        [
            "Too many older patients are stuck in hospital waiting for a home care package to be arranged.",
            "We can't recruit enough home care workers, especially for villages far from the towns.",
            "loneliness among older people living alone",
            "families in temporary accommodation for months",
            "children missing school after the pandemic",
            "fly-tipping on rural lanes",
        ];

        var shown = 0;
        var notes = 0;
        var adopters = 0;
        for (var i = 0; i < Codes.Length * 2; i++)
        {
            var code = Codes[i % Codes.Length];
            var council = seed.ContextFor(code);
            var request = NormalisedRequest.From(new RecommendationRequest
            {
                Challenge = challenges[i % challenges.Length],
                Priorities = i % 2 == 0 ? [new PriorityRequest("adult_social_care"), new PriorityRequest("housing_homelessness")] : null,
            }) with { Council = code };

            var answer = seed.Ranker.Rank(seed.Index, request, council);
            var candidates = seed.Ranker.Score(seed.Index, request, council).Candidates.ToDictionary(c => c.Practice.Id);
            foreach (var result in answer.Results.Concat(answer.Related))
            {
                var candidate = candidates[result.Practice.Id];
                var full = ContextMatcher.Match(council.Council, candidate.Practice, council.Neighbours);

                Assert.Equal(full.Score, candidate.Context.Score);
                Assert.Equal(Math.Round(full.Score, 3), result.ScoreParts.Context);
                var priorities = candidate.Practice.ServiceAreas.Where(a => request.Priorities.Any(p => p.Key == a)).ToList();
                var expected = ExplanationWriter.Write(candidate.Practice, candidate.Match, priorities, full, request, council);
                Assert.Equal(Json(expected), Json(result.Explanation));
                Assert.Equal(full.AdaptationNotes, result.Explanation.AdaptationNotes);
                Assert.Equal(full.Fields.Select(f => (f.Field, f.CouncilValue, string.Join('|', f.EvidenceValues), f.Verdict)),
                    result.Explanation.Context!.Select(f => (f.Field, f.Council, string.Join('|', f.Evidence), f.Verdict)));
                shown++;
                notes += full.AdaptationNotes.Count > 0 ? 1 : 0;
                adopters += full.SimilarAdopters.Count > 0 ? 1 : 0;
            }
        }

        // Not vacuous: the requests show many results, with notes and with adopters among neighbours.
        Assert.True(shown > 100, $"shown {shown}");
        Assert.True(notes > 10, $"notes on {notes}");
        Assert.True(adopters > 0, $"adopters on {adopters}");
    }

    private static string Json(Explanation explanation) => JsonSerializer.Serialize(explanation);

    /// <summary>Councils known only in part, as a request's profile may give them: unknown fields are not compared.</summary>
    private static IEnumerable<CouncilRankingContext> PartialCouncils()
    {
        var none = new Dictionary<string, int>();
        yield return new CouncilRankingContext(new CouncilContext(), none, []);
        yield return new CouncilRankingContext(new CouncilContext { Nation = Nation.Wales }, none, []);
        yield return new CouncilRankingContext(new CouncilContext { Nation = "Atlantis", RuralUrban = "lunar", Population = 90_000 }, none, []);
        yield return new CouncilRankingContext(new CouncilContext { GovernanceType = "national", DeprivationDecile = 10 }, none, []);
        yield return new CouncilRankingContext(new CouncilContext { Code = "NFK", GovernanceType = GovernanceType.County, RuralUrban = RuralUrbanClass.SparseRural }, none, []);
    }
}
