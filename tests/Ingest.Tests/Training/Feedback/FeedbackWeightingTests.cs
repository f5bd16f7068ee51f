using Recommend.Ingest.Training.Feedback;

namespace Recommend.Ingest.Tests.Training.Feedback;

public sealed class FeedbackWeightingTests
{
    [Fact]
    public void OneAnswersEventsCountOncePerPracticeAndTheLatestSignalWins()
    {
        var log = new LoggedEvents();
        log.Add("r1", "warm-spaces", "useful");
        log.Add("r1", "warm-spaces", "useful");
        log.Add("r1", "warm-spaces", "not_relevant");
        log.Add("r2", "warm-spaces", "useful", client: "c2");

        var events = FeedbackWeighting.Deduplicate(log.All);

        Assert.Equal(2, events.Count);
        Assert.Equal("not_relevant", events.Single(e => e.RequestId == "r1").Signal);
    }

    [Fact]
    public void ThreeHundredPostsFromOneClientWeighAtMostOneAnonymousVote()
    {
        var log = new LoggedEvents();
        for (var i = 0; i < 300; i++)
        {
            log.Add($"v{i}.hash", "road-safety-cameras", "useful", rank: 10, client: "hostile");
        }

        var contributions = FeedbackWeighting.Weigh(FeedbackWeighting.Deduplicate(log.All), PositionPropensity.None);

        Assert.Equal(300, contributions.Count);
        Assert.Equal(FeedbackWeighting.AnonymousTrust, contributions.Sum(c => c.Useful), 9);
    }

    [Fact]
    public void AKeyedCouncilSpeaksAsItselfFromAnyAddressAndWeighsMoreThanAnAnonymousClient()
    {
        var log = new LoggedEvents();
        log.Add("r1", "warm-spaces", "useful", keyed: true, council: "ISL", client: "a");
        log.Add("r2", "warm-spaces", "useful", keyed: true, council: "ISL", client: "b");
        log.Add("r3", "warm-spaces", "useful", client: "c");

        var contributions = FeedbackWeighting.Weigh(FeedbackWeighting.Deduplicate(log.All), PositionPropensity.None);

        var keyed = contributions.Where(c => c.Speaker == "council:ISL").Sum(c => c.Useful);
        var anonymous = contributions.Where(c => c.Speaker == "client:c").Sum(c => c.Useful);
        Assert.Equal(2, contributions.Count(c => c.Speaker == "council:ISL"));
        Assert.Equal(keyed * FeedbackWeighting.AnonymousTrust / FeedbackWeighting.KeyedTrust, anonymous, 9);
    }

    [Fact]
    public void DismissedSaysNothingAboutRelevanceAndNotRelevantCountsAgainst()
    {
        var log = new LoggedEvents();
        log.Add("r1", "warm-spaces", "dismissed");
        log.Add("r2", "warm-spaces", "not_relevant", client: "c2");

        var contributions = FeedbackWeighting.Weigh(FeedbackWeighting.Deduplicate(log.All), PositionPropensity.None);

        var only = Assert.Single(contributions);
        Assert.Equal(0, only.Useful);
        Assert.True(only.NotRelevant > 0);
    }

    [Fact]
    public void AnEventShownLowerWeighsMoreByTheInverseOfItsPropensity()
    {
        var log = new LoggedEvents();
        log.Add("r1", "a-practice", "useful", rank: 1, client: "c1");
        log.Add("r2", "b-practice", "useful", rank: 2, client: "c2");
        var propensity = new PositionPropensity([1, 0.5, .. Enumerable.Repeat(0.5, PositionPropensity.MaxPosition - 2)], 0.25, 100);

        var contributions = FeedbackWeighting.Weigh(FeedbackWeighting.Deduplicate(log.All), propensity);

        Assert.Equal(2, contributions.Single(c => c.PracticeId == "b-practice").Useful / contributions.Single(c => c.PracticeId == "a-practice").Useful, 9);
        Assert.All(contributions, c => Assert.True(c.Useful <= FeedbackWeighting.AnonymousTrust));
    }

    [Fact]
    public void FeedbackOnAPracticeTheAnswerDidNotShowCountsForNothing()
    {
        var log = new LoggedEvents();
        log.All.Add(log.Add("r1", "warm-spaces", "useful") with { Rank = null, ShownIn = null, WhereShownLogged = true });
        log.All.RemoveAt(0);
        log.Add("r2", "befriending", "useful", client: "c2");

        var contributions = FeedbackWeighting.Weigh(FeedbackWeighting.Deduplicate(log.All), PositionPropensity.None);

        Assert.Equal("befriending", Assert.Single(contributions).PracticeId);
    }
}
