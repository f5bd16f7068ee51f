using Recommend.Contracts.Recommendations;

namespace Recommend.Contracts.Tests.Recommendations;

public sealed class RecommendationRequestTests
{
    [Fact]
    public void MissingChallengeIsRejected() =>
        Assert.True(RecommendationRequestValidator.Validate(new RecommendationRequest()).ContainsKey("challenge"));

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    [InlineData(int.MaxValue)]
    public void LimitOutsideOneToFiftyIsRejected(int limit) =>
        Assert.True(RecommendationRequestValidator.Validate(new RecommendationRequest { Challenge = "loneliness", Limit = limit }).ContainsKey("limit"));

    [Fact]
    public void UnknownPriorityIsRejectedWithTheAllowedAreas()
    {
        var errors = RecommendationRequestValidator.Validate(new RecommendationRequest { Challenge = "loneliness", Priorities = [new("parks")] });
        Assert.Contains("adult_social_care", errors["priorities"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void PriorityNamesAreForgivingAboutCaseAndPunctuation() =>
        Assert.Empty(RecommendationRequestValidator.Validate(new RecommendationRequest { Challenge = "loneliness", Priorities = [new("Housing & Homelessness"), new("adult-social-care")] }));

    [Fact]
    public void ChallengeLongerThanTheLimitIsRejected() =>
        Assert.True(RecommendationRequestValidator.Validate(new RecommendationRequest { Challenge = new string('a', RecommendationRequestValidator.MaxChallengeLength + 1) }).ContainsKey("challenge"));

    [Fact]
    public void RequestsThatMeanTheSameShareACacheKey()
    {
        var a = NormalisedRequest.From(new RecommendationRequest { Challenge = "Reduce  loneliness\tin villages ", Council = "con", Priorities = [new("public_health"), new("adult_social_care")] });
        var b = NormalisedRequest.From(new RecommendationRequest { Challenge = "reduce loneliness in villages", Council = " CON ", Priorities = [new("Adult social care"), new("public_health"), new("public_health")], Limit = 10 });
        Assert.Equal(a.CacheKey, b.CacheKey);
    }

    [Fact]
    public void RequestsThatDifferShareNoCacheKey()
    {
        var baseline = NormalisedRequest.From(new RecommendationRequest { Challenge = "reduce loneliness" });
        Assert.NotEqual(baseline.CacheKey, NormalisedRequest.From(new RecommendationRequest { Challenge = "reduce loneliness", Limit = 5 }).CacheKey);
        Assert.NotEqual(baseline.CacheKey, NormalisedRequest.From(new RecommendationRequest { Challenge = "reduce loneliness", Council = "CON" }).CacheKey);
        Assert.NotEqual(baseline.CacheKey, NormalisedRequest.From(new RecommendationRequest { Challenge = "reduce isolation" }).CacheKey);
    }
}
