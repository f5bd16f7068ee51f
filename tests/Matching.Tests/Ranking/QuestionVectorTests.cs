using System.Numerics.Tensors;
using System.Text.Json;
using Recommend.Contracts.Recommendations;

namespace Recommend.Matching.Tests.Ranking;

/// <summary>
/// The recommender embeds a challenge once, ahead of ranking (batched with other challenges), and
/// hands the vector in: that one vector must serve every side of the match (the dense shortlist,
/// the cosine the relevance floor and the explanations read, the feedback memory), and ranking with
/// it must answer exactly what ranking without it (embedding inside) answers.
/// </summary>
public sealed class QuestionVectorTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    [Theory]
    [InlineData("reduce loneliness among older residents in rural villages", "CON")]
    [InlineData("cut the number of families in temporary accommodation (request 1765116000-0-17)", "MAN")]
    [InlineData("help small businesses on the high street survive", null)]
    public void RankingWithTheChallengesVectorAnswersExactlyWhatRankingAloneAnswers(string challenge, string? council)
    {
        var request = NormalisedRequest.From(new RecommendationRequest { Challenge = challenge, Council = council, Limit = 10 }) with { Council = council };
        var context = council is null ? null : seed.ContextFor(council);
        var vector = seed.Index.EmbedQuestion(challenge);

        var alone = seed.Ranker.Rank(seed.Index, request, context);
        var given = seed.Ranker.Rank(seed.Index, request, context, questionVector: vector);

        Assert.NotEmpty(alone.Results);
        Assert.Equal(Json(alone), Json(given));
    }

    [Fact]
    public void TheGivenVectorIsTheOneEverySideReads()
    {
        // Another challenge's vector, so a side that embedded the text itself would show.
        const string text = "reduce loneliness among older residents in rural villages";
        var other = seed.Index.EmbedQuestion("make walking and cycling to school safer")!;

        var (matches, vector) = seed.Index.MatchQuestion(text, 200, other);

        // The feedback memory reads the returned vector: the given one, not a second embedding.
        Assert.Same(other, vector);
        Assert.NotEmpty(matches);
        foreach (var match in matches)
        {
            var practice = seed.Index.Practices[match.Doc];
            Assert.Equal(TensorPrimitives.Dot(other, seed.Index.Dense!.GetVector(practice.Id)), match.SemanticSimilarity!.Value, 6);
        }

        // The dense shortlist searched with it too: the practice closest to the other challenge is a candidate.
        var closest = seed.Index.Practices.MaxBy(p => TensorPrimitives.Dot(other, seed.Index.Dense!.GetVector(p.Id)))!;
        Assert.Contains(matches, m => seed.Index.Practices[m.Doc].Id == closest.Id);
    }

    [Fact]
    public void AVectorOfTheWrongSizeIsRefused()
    {
        var wrong = new float[17];
        Assert.Throws<ArgumentException>(() => seed.Index.MatchQuestion("rough sleeping", 10, wrong));
    }

    private static string Json(RecommendationResponse response) =>
        JsonSerializer.Serialize(response, RecommendationJsonContext.Default.RecommendationResponse);
}
