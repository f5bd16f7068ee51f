using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking.Relevance;
using Recommend.TestSupport.Data;

namespace Recommend.Matching.Tests.Ranking;

/// <summary>
/// A practice that serves only children is no answer to a challenge about adults or about no one in
/// particular, and an adults' practice none to a challenge about children alone: the floor reads the
/// mismatch, so such practices need a much closer text match to be recommended.
/// </summary>
public sealed class AudienceMatchTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    [Theory]
    [InlineData("Too many pupils are persistently absent from secondary school.", Audience.Children)]
    [InlineData("More of our 16 and 17 year olds are not in education, employment or training.", Audience.Children)]
    [InlineData("Our high needs block deficit keeps growing.", Audience.Children)]
    [InlineData("EHC needs assessments take longer than 20 weeks.", Audience.Children)]
    [InlineData("We need more SEND places close to home.", Audience.Children)]
    [InlineData("MMR uptake among under-fives is below 95%.", Audience.Children)]
    [InlineData("Care leavers are ending up homeless.", Audience.Children)]
    [InlineData("Reduce loneliness among older people in rural villages.", Audience.Adults)]
    [InlineData("Permanent admissions of over-65s to residential and nursing care keep rising.", Audience.Adults)]
    [InlineData("Young carers are missing school to look after a parent with dementia.", Audience.Children | Audience.Adults)]
    [InlineData("Energy costs are threatening to close our swimming pool.", Audience.Unnamed)]
    [InlineData("Shift spending from long-term residential placements to keeping people independent at home.", Audience.Unnamed)]
    [InlineData("We send reminder letters but council tax arrears keep growing.", Audience.Unnamed)]
    [InlineData("The council adopted a climate plan but emissions are not falling.", Audience.Unnamed)]
    public void ReadsWhoAChallengeNames(string challenge, Audience expected) =>
        Assert.Equal(expected, AudienceMatch.Of(challenge));

    [Theory]
    [InlineData(null, 18, Audience.Children)]
    [InlineData(16, 25, Audience.Children)]
    [InlineData(18, null, Audience.Adults)]
    [InlineData(65, 120, Audience.Adults)]
    [InlineData(0, 99, Audience.Unnamed)]
    [InlineData(null, null, Audience.Unnamed)]
    public void ReadsWhoAPracticeServesFromItsAgeRange(int? ageMin, int? ageMax, Audience expected) =>
        Assert.Equal(expected, AudienceMatch.Of(TestPractices.Valid("p") with { Population = new PracticePopulation { AgeMin = ageMin, AgeMax = ageMax } }));

    [Fact]
    public void APracticeWithNoStatedPopulationServesAnyone() =>
        Assert.Equal(Audience.Unnamed, AudienceMatch.Of(TestPractices.Valid("p") with { Population = null }));

    [Theory]
    [InlineData(Audience.Unnamed, Audience.Children, 1)]
    [InlineData(Audience.Adults, Audience.Children, 1)]
    [InlineData(Audience.Children, Audience.Children, 0)]
    [InlineData(Audience.Children | Audience.Adults, Audience.Children, 0)]
    [InlineData(Audience.Children, Audience.Adults, 1)]
    [InlineData(Audience.Children | Audience.Adults, Audience.Adults, 0)]
    [InlineData(Audience.Unnamed, Audience.Adults, 0)]
    [InlineData(Audience.Adults, Audience.Adults, 0)]
    [InlineData(Audience.Children, Audience.Unnamed, 0)]
    [InlineData(Audience.Unnamed, Audience.Unnamed, 0)]
    public void MismatchIsAPracticeServingOnlyPeopleTheChallengeDoesNotName(Audience challenge, Audience practice, double expected) =>
        Assert.Equal(expected, AudienceMatch.Mismatch(challenge, practice));

    [Fact]
    public void TheShippedFloorHoldsAChildrensPracticeBackForAChallengeThatNamesNoChild()
    {
        // The calibration learned the feature's weight from the graded set; it must count against a practice.
        var floor = RelevanceFloor.Shipped;
        Assert.True(floor.Hybrid.Weights[Array.IndexOf(floor.Hybrid.Features, "audience_mismatch")] < 0);
        Assert.True(floor.Lexical.Weights[Array.IndexOf(floor.Lexical.Features, "audience_mismatch")] < 0);

        // Served: for an adults' challenge that names no age, children's practices fall below the floor
        // unless the text match is far closer, and none of the recommendations serves only children.
        var challenge = "We want to shift spending from long-term residential placements to keeping people independent at home.";
        var request = new RecommendationRequest { Challenge = challenge, Limit = 50 };
        var scored = seed.Ranker.Score(seed.Index, NormalisedRequest.From(request));
        var children = scored.Candidates.Where(c => AudienceMatch.Of(c.Practice) == Audience.Children).ToList();
        Assert.NotEmpty(children);
        Assert.All(children, c => Assert.Equal(1, c.RelevanceFeatures.AudienceMismatch));
        var withoutMismatch = children.Select(c => floor.Probability(c.RelevanceFeatures with { AudienceMismatch = 0 }, seed.Index.IsHybrid)).ToList();
        Assert.All(children.Zip(withoutMismatch), x => Assert.True(x.First.Relevance < x.Second, $"{x.First.Practice.Id}: {x.First.Relevance:0.000} with the mismatch, {x.Second:0.000} without"));
        Assert.True(children.Count(c => c.ClearsFloor) < withoutMismatch.Count(p => floor.Hybrid.Clears(p, mostLikely: false)), "the mismatch held no children's practice back");
    }
}
