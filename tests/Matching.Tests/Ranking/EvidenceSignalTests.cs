using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;

namespace Recommend.Matching.Tests.Ranking;

/// <summary>
/// The evidence part of the score: a study count from an evidence map is not evidence that a practice
/// works, so it scores nothing, whatever level a record might claim (docs/evidence.md).
/// </summary>
public sealed class EvidenceSignalTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    [Fact]
    public void AStudyCountScoresNothingEvenIfALevelIsClaimed()
    {
        var mapped = new Evidence { Level = 4, EffectDirection = "positive", RatingScale = "chi_evidence_map", RatingGrade = "60", NStudies = 60 };
        var rated = mapped with { RatingScale = "college_of_policing_toolkit", RatingGrade = "Strong" };

        Assert.Equal(0, PracticeRanker.EvidenceStrength(mapped));
        Assert.Equal(0, PracticeRanker.EvidenceStrength(mapped with { Level = 1, EffectDirection = "unknown" }));
        Assert.Equal(0.8, PracticeRanker.EvidenceStrength(rated), 6);
    }

    [Fact]
    public void HousingFirstIsNotScoredAsProvenAndStronglyRatedPracticesRankOnTheirEvidence()
    {
        var response = seed.Rank(new RecommendationRequest { Challenge = "reduce rough sleeping with housing first", Limit = 30 }, "MAN");
        // The relevance floor is recalibrated whenever the catalogue or the grades grow, so Housing First may be
        // served among the related practices rather than the results; its evidence score is what is tested.
        var housingFirst = Assert.Single(response.Results.Concat(response.Related), r => r.Practice.Id == "housing-first");

        Assert.Null(housingFirst.Practice.EvidenceLevel);
        Assert.Equal(0, housingFirst.ScoreParts.Evidence);
        Assert.Contains("studies", housingFirst.Explanation.EvidenceNote, StringComparison.Ordinal);
        Assert.Contains(response.Results, r => r.ScoreParts.Evidence > 0);
    }

    [Fact]
    public void AMinimumEvidenceLevelLeavesOutEvidenceMaps()
    {
        var request = new RecommendationRequest
        {
            Challenge = "reduce rough sleeping with housing first",
            Limit = 30,
            Constraints = new ConstraintsRequest { MinEvidenceLevel = 1 },
        };
        var mapped = seed.Index.Practices.Where(p => EvidenceScales.IsVolumeOnly(p.Evidence.RatingScale)).Select(p => p.Id).ToHashSet();

        Assert.NotEmpty(mapped);
        Assert.DoesNotContain(seed.Rank(request).Results, r => mapped.Contains(r.Practice.Id));
    }
}
