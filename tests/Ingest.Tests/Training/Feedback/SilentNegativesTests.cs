using Recommend.Contracts.Feedback;
using Recommend.Ingest.Training.Feedback;

namespace Recommend.Ingest.Tests.Training.Feedback;

/// <summary>Practices passed over in silence (<see cref="SilentNegatives"/>) and how little they weigh (<see cref="FeedbackWeighting"/>).</summary>
public sealed class SilentNegativesTests
{
    private static readonly string[] Ten = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

    /// <summary>Propensities 1, 1/2, 1/3, ... clipped at 0.2, related 0.2: position 1 is always read.</summary>
    private static readonly PositionPropensity Decaying = new([.. Enumerable.Range(1, PositionPropensity.MaxPosition).Select(k => Math.Max(1.0 / k, PositionPropensity.MinPropensity))], 0.2, 100);

    private static ShownPractices Answer(string[] results, params string[] related) =>
        new() { Results = [.. results.Select((id, i) => new ShownResult(id, i + 1))], Related = [.. related] };

    private static Func<string, ShownPractices?> Showing(ShownPractices answer) => _ => answer;

    [Fact]
    public void PracticesAboveAndJustBelowTheLowestAnsweredAreSilentAndTheRestAreNot()
    {
        var log = new LoggedEvents();
        log.Add("v1.h", "c", FeedbackSignal.Useful, rank: 3);

        var silent = SilentNegatives.Infer(FeedbackWeighting.Deduplicate(log.All), Showing(Answer(["a", "b", "c", "d", "e"], "r1")), Decaying);

        Assert.Equal(["a", "b", "d"], silent.Select(s => s.PracticeId).Order(StringComparer.Ordinal));
        Assert.Equal(1.0, silent.Single(s => s.PracticeId == "a").Examined, 9);
        Assert.Equal(0.5, silent.Single(s => s.PracticeId == "b").Examined, 9);
        Assert.Equal(0.25, silent.Single(s => s.PracticeId == "d").Examined, 9);
        Assert.All(silent, s => Assert.Equal("client:c1", s.Speaker));
    }

    [Fact]
    public void AnAnswerOnARelatedPracticeMeansTheResultsAboveWereRead()
    {
        var log = new LoggedEvents();
        log.Add("v1.h", "r1", FeedbackSignal.NotRelevant, rank: 1, shownIn: LoggedFeedback.InRelated);

        var silent = SilentNegatives.Infer(FeedbackWeighting.Deduplicate(log.All), Showing(Answer(["a", "b"], "r1", "r2", "r3")), Decaying);

        Assert.Equal(["a", "b", "r2"], silent.Select(s => s.PracticeId).Order(StringComparer.Ordinal));
        Assert.Equal(Decaying.Related, silent.Single(s => s.PracticeId == "r2").Examined, 9);
        Assert.Equal(LoggedFeedback.InRelated, silent.Single(s => s.PracticeId == "r2").ShownIn);
    }

    [Fact]
    public void APracticeAnyoneAnsweredIsNotSilentAndEachAnswerAndPracticeIsObservedOnce()
    {
        var log = new LoggedEvents();
        log.Add("v1.h", "d", FeedbackSignal.Useful, rank: 4, client: "c1");
        log.Add("v1.h", "b", FeedbackSignal.NotRelevant, rank: 2, keyed: true, council: "ISL", client: "c2");

        var silent = SilentNegatives.Infer(FeedbackWeighting.Deduplicate(log.All), Showing(Answer(["a", "b", "c", "d", "e", "f"])), Decaying);

        // b and d were said; a is passed over by both readers but observed once, for the keyed one.
        Assert.Equal(["a", "c", "e"], silent.Select(s => s.PracticeId).Order(StringComparer.Ordinal));
        Assert.Equal("council:ISL", silent.Single(s => s.PracticeId == "a").Speaker);
        Assert.Equal("client:c1", silent.Single(s => s.PracticeId == "e").Speaker);
    }

    [Fact]
    public void NothingIsInferredWithoutWhatTheAnswerShowedOrFromFeedbackOnAPracticeItDidNotShow()
    {
        var log = new LoggedEvents();
        log.Add("v1.h", "c", FeedbackSignal.Useful, rank: 3);
        Assert.Empty(SilentNegatives.Infer(FeedbackWeighting.Deduplicate(log.All), _ => null, Decaying));

        var burst = new LoggedEvents();
        burst.All.Add(burst.Add("v2.h", "unrelated", FeedbackSignal.Useful) with { Rank = null, ShownIn = null, WhereShownLogged = true });
        burst.All.RemoveAt(0);
        Assert.Empty(SilentNegatives.Infer(FeedbackWeighting.Deduplicate(burst.All), Showing(Answer(Ten)), Decaying));
    }

    [Fact]
    public void SilenceWeighsTheSilentWeightTimesTheChanceItWasReadInVotes()
    {
        var log = new LoggedEvents();
        log.Add("v1.h", "c", FeedbackSignal.Useful, rank: 3, keyed: true, council: "ISL");
        var events = FeedbackWeighting.Deduplicate(log.All);
        var silent = SilentNegatives.Infer(events, Showing(Answer(["a", "b", "c", "d"])), Decaying);

        var contributions = FeedbackWeighting.Weigh(events, Decaying, silent, silentWeight: 0.5);

        // One vote is what an explicit event at the least examined position weighs; silence weighs f x p(k) of it.
        Assert.Equal(0.5 * 1.0, contributions.Single(c => c.PracticeId == "a").Silent, 9);
        Assert.Equal(0.5 * 0.5, contributions.Single(c => c.PracticeId == "b").Silent, 9);
        Assert.Equal(0.5 * 0.25, contributions.Single(c => c.PracticeId == "d").Silent, 9);
        Assert.All(contributions.Where(c => c.Silent > 0), c => Assert.True(c.Useful == 0 && c.NotRelevant == 0));
        Assert.Equal(0.2 / (1.0 / 3), contributions.Single(c => c.PracticeId == "c").Useful, 9);
    }

    [Fact]
    public void WithASilentWeightOfZeroWhatWasSaidWeighsExactlyAsWithoutSilence()
    {
        var log = new LoggedEvents();
        log.Add("v1.h", "c", FeedbackSignal.Useful, rank: 3);
        log.Add("v2.h", "a", FeedbackSignal.NotRelevant, rank: 1);
        log.Add("v3.h", "a", FeedbackSignal.Useful, rank: 2, client: "c2");
        var events = FeedbackWeighting.Deduplicate(log.All);
        var silent = SilentNegatives.Infer(events, Showing(Answer(["a", "b", "c", "d"])), Decaying);
        Assert.NotEmpty(silent);

        var without = FeedbackWeighting.Weigh(events, Decaying);
        var zero = FeedbackWeighting.Weigh(events, Decaying, silent, silentWeight: 0);

        Assert.Equal(without, zero);
    }

    /// <summary>
    /// A hostile anonymous client asks 300 times (each a different answer of ten results), answers the
    /// tenth result every time, and says not_relevant once to the practice a council found useful: the
    /// nine others are passed over in silence 300 times, yet what it says about any one practice,
    /// said and silent together, stays within one anonymous vote, and one keyed council's "useful"
    /// still outweighs it.
    /// </summary>
    [Fact]
    public void AHostileClientAskingManyTimesCannotSinkOtherPracticesBeyondItsVoiceCap()
    {
        var log = new LoggedEvents();
        for (var i = 0; i < 300; i++)
        {
            log.Add($"v{i}.h", "j", FeedbackSignal.Useful, rank: 10, client: "hostile");
        }

        log.Add("v300.h", "a", FeedbackSignal.NotRelevant, rank: 1, client: "hostile");
        log.Add("v301.h", "a", FeedbackSignal.Useful, rank: 1, keyed: true, council: "ISL", client: "isl");
        var events = FeedbackWeighting.Deduplicate(log.All);
        var silent = SilentNegatives.Infer(events, Showing(Answer(Ten)), PositionPropensity.None);
        Assert.True(silent.Count(s => s.Speaker == "client:hostile") >= 300 * 9);

        foreach (var silentWeight in FeedbackWeighting.SilentGrid)
        {
            var contributions = FeedbackWeighting.Weigh(events, PositionPropensity.None, silent, silentWeight);
            foreach (var practice in Ten)
            {
                var hostile = contributions.Where(c => c.Speaker == "client:hostile" && c.PracticeId == practice).Sum(c => c.Useful + c.NotRelevant + c.Silent);
                Assert.True(hostile <= FeedbackWeighting.AnonymousTrust + 1e-9, $"silent weight {silentWeight}: the hostile client says {hostile} about {practice}");
            }

            var net = contributions.Where(c => c.PracticeId == "a").Sum(c => c.Useful - c.NotRelevant - c.Silent);
            Assert.True(net >= FeedbackWeighting.KeyedTrust - FeedbackWeighting.AnonymousTrust - 1e-9, $"silent weight {silentWeight}: net evidence on the council's useful practice {net}");
        }
    }
}
